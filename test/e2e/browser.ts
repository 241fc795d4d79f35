import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPO } from './admin-server.js';

/** Debian's Chromium (installed by `.ci/run` when missing). */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(REPO, 'test', 'e2e', 'screenshots');

/** Is a browser there to drive? */
export const hasChromium = (): boolean => existsSync(CHROMIUM);

/**
 * Launches headless Chromium with no network of its own (no updates, sync or QUIC). Playwright
 * gives every launch a fresh temporary profile (`--user-data-dir`) and removes it on close.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A browser session (its own cookies) that records console errors and page errors. */
export interface Session {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * Opens a new session (optionally in another time zone, e.g. `{ timezoneId: 'UTC' }`); every
 * console error, page error and failed request is recorded in `errors`.
 */
export async function openSession(browser: Browser, locale = 'zh-CN', options: { timezoneId?: string } = {}): Promise<Session> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Navigating away aborts the router's prefetches (net::ERR_ABORTED): expected, not an error.
    const reason = r.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') errors.push(`requestfailed: ${r.url()} ${reason}`);
  });
  return { context, page, errors };
}

/**
 * Runs one step of a browser test; when it throws, a screenshot of every open page is saved to
 * test/e2e/screenshots/<step>-<n>.png before the error goes on.
 */
export async function step<T>(name: string, sessions: readonly Session[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const safe = name.replace(/[^\w.-]+/g, '-');
    await Promise.all(sessions.map((s, i) => s.page.screenshot({ path: join(SCREENSHOTS, `${safe}-${i}.png`), fullPage: true }).catch(() => undefined)));
    throw error;
  }
}

/** Signs in through the sign-in form. */
export async function signInUi(page: Page, baseUrl: string, username: string, password = 'allot-demo'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL('**/policies'), page.click('[data-testid=sign-in-submit]')]);
}
