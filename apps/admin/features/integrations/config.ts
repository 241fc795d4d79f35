/**
 * The outbound settings: retries, pausing, quiet hours and rate limits. Every value has a
 * default and an environment variable (ALLOT_OUTBOUND_*); tests pass their own.
 */
export interface OutboundConfig {
  /** First retry after about this long (ms); each later one waits twice as long (default 5 s). */
  backoffBaseMs: number;
  /** No wait longer than this (ms, default 1 h). */
  backoffMaxMs: number;
  /** A delivery not through after this long (ms since it was created or replayed) is a dead letter (default 24 h). */
  maxAgeMs: number;
  /** ...or after this many attempts (default 20). */
  maxAttempts: number;
  /** Pause an endpoint after this many failures in a row (default 10). */
  pauseAfter: number;
  /** One attempt's time limit (ms, default 10 s). */
  timeoutMs: number;
  /** How often the dispatcher reads the outbox (ms, default 500). */
  pollMs: number;
  /** Attempts at once per process (default 16). */
  concurrency: number;
  /** Notifications: no messages between these hours (local to `quietZoneOffsetMinutes`), e.g. 22 → 8; equal hours: none. */
  quietHours: { from: number; to: number };
  /** The offset of quiet hours' clock from UTC, in minutes (default 480: China). */
  quietZoneOffsetMinutes: number;
  /** Notifications: at most this many messages per minute per channel (default wecom 20, dingtalk 20, email 60: the robots' documented limit is 20/min). */
  ratePerMinute: { wecom: number; dingtalk: number; email: number };
  /** Notifications to one person within this long are sent as one message (ms, default 60 s). */
  batchWindowMs: number;
  /** The admin app's address, for links in messages. */
  publicUrl: string;
  /** SMTP for e-mail (nodemailer's `host`, `port`, `secure`, optional `auth`), and the From address. */
  smtp: { host: string; port: number; secure: boolean; user?: string; pass?: string; from: string } | null;
}

const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  return Number.isFinite(n) ? n : fallback;
};

/** The configuration from the environment. */
export function outboundConfigFromEnv(): OutboundConfig {
  const quiet = (process.env['ALLOT_NOTIFY_QUIET_HOURS'] ?? '22-8').split('-').map(Number);
  const smtpHost = process.env['ALLOT_SMTP_HOST'];
  return {
    backoffBaseMs: num('ALLOT_OUTBOUND_BACKOFF_BASE_MS', 5_000),
    backoffMaxMs: num('ALLOT_OUTBOUND_BACKOFF_MAX_MS', 3_600_000),
    maxAgeMs: num('ALLOT_OUTBOUND_MAX_AGE_MS', 24 * 3_600_000),
    maxAttempts: num('ALLOT_OUTBOUND_MAX_ATTEMPTS', 20),
    pauseAfter: num('ALLOT_OUTBOUND_PAUSE_AFTER', 10),
    timeoutMs: num('ALLOT_OUTBOUND_TIMEOUT_MS', 10_000),
    pollMs: num('ALLOT_OUTBOUND_POLL_MS', 500),
    concurrency: num('ALLOT_OUTBOUND_CONCURRENCY', 16),
    quietHours: { from: Number.isInteger(quiet[0]) ? (quiet[0] as number) : 22, to: Number.isInteger(quiet[1]) ? (quiet[1] as number) : 8 },
    quietZoneOffsetMinutes: num('ALLOT_NOTIFY_ZONE_OFFSET_MINUTES', 480),
    ratePerMinute: { wecom: num('ALLOT_NOTIFY_RATE_WECOM', 20), dingtalk: num('ALLOT_NOTIFY_RATE_DINGTALK', 20), email: num('ALLOT_NOTIFY_RATE_EMAIL', 60) },
    batchWindowMs: num('ALLOT_NOTIFY_BATCH_MS', 60_000),
    publicUrl: process.env['ALLOT_PUBLIC_URL'] ?? 'http://localhost:3000',
    smtp:
      smtpHost === undefined || smtpHost === ''
        ? null
        : {
            host: smtpHost,
            port: num('ALLOT_SMTP_PORT', 587),
            secure: process.env['ALLOT_SMTP_SECURE'] === '1',
            ...(process.env['ALLOT_SMTP_USER'] ? { user: process.env['ALLOT_SMTP_USER'], pass: process.env['ALLOT_SMTP_PASS'] ?? '' } : {}),
            from: process.env['ALLOT_SMTP_FROM'] ?? 'allot <allot@localhost>',
          },
  };
}

/**
 * The wait before attempt `attempt + 1` after `attempt` failures: exponential (base · 2^(n−1),
 * at most the maximum) with "equal jitter" (half fixed, half random), so endpoints that failed
 * together do not all come back at the same instant.
 */
export function backoffMs(attempt: number, config: Pick<OutboundConfig, 'backoffBaseMs' | 'backoffMaxMs'>, random: () => number = Math.random): number {
  const exp = Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** Math.max(0, Math.min(30, attempt - 1)));
  return Math.round(exp / 2 + (exp / 2) * random());
}
