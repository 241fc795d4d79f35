/**
 * Sending one notification: the bodies a 企业微信 or 钉钉 robot takes (钉钉's 加签 URL), and the send's
 * outcome.
 */
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { OutboundConfig } from '../config';
import type { Target } from '../outbound';
import { renderText } from './templates';
import type { NotificationMessage } from './templates';

/** The outcome of one send. */
export interface SendResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/**
 * 钉钉 custom robot 加签: `timestamp` (ms) and `sign` = base64(HMAC-SHA256(secret,
 * `${timestamp}\n${secret}`)), URL-encoded, appended to the webhook URL.
 */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestampMs}&sign=${encodeURIComponent(sign)}`;
}

/** The JSON a 企业微信 group robot takes: a text message mentioning the person by mobile. */
export function wecomBody(m: NotificationMessage): Record<string, unknown> {
  const { text: full } = renderText(m);
  // The robot refuses content over 2,048 bytes: cut at a character boundary, marked.
  let text = full;
  while (Buffer.byteLength(text) > 2_040) text = text.slice(0, -20);
  if (text !== full) text = `${text}…`;
  return { msgtype: 'text', text: { content: text, ...(m.to.mobile === null ? {} : { mentioned_mobile_list: [m.to.mobile] }) } };
}

/** The JSON a 钉钉 custom robot takes: a text message @-ing the person by mobile. */
export function dingtalkBody(m: NotificationMessage): Record<string, unknown> {
  const { text } = renderText(m);
  return { msgtype: 'text', text: { content: text }, at: { atMobiles: m.to.mobile === null ? [] : [m.to.mobile], isAtAll: false } };
}

async function postRobot(url: string, body: Record<string, unknown>, timeoutMs: number): Promise<SendResult> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text().catch(() => '');
  if (res.status < 200 || res.status >= 300) return { ok: false, status: res.status, error: `HTTP ${res.status}` };
  // Both robots answer 200 with `{ errcode, errmsg }`; anything but errcode 0 is a failure.
  let answer: { errcode?: number; errmsg?: string } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    return { ok: false, status: res.status, error: 'the robot did not answer JSON' };
  }
  return answer.errcode === 0 ? { ok: true, status: res.status, error: null } : { ok: false, status: res.status, error: `errcode ${answer.errcode ?? '?'}: ${answer.errmsg ?? ''}` };
}

const transports = new Map<string, Transporter>();

function transportFor(smtp: NonNullable<OutboundConfig['smtp']>): Transporter {
  const key = JSON.stringify(smtp);
  let t = transports.get(key);
  if (t === undefined) {
    t = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: smtp.secure, ...(smtp.user === undefined ? {} : { auth: { user: smtp.user, pass: smtp.pass ?? '' } }), ignoreTLS: !smtp.secure && smtp.host === '127.0.0.1' });
    transports.set(key, t);
  }
  return t;
}

/** Sends one message on its channel. */
export async function sendNotification(target: Target, m: NotificationMessage, config: OutboundConfig): Promise<SendResult> {
  if (target.kind === 'wecom') return postRobot(target.url ?? '', wecomBody(m), config.timeoutMs);
  if (target.kind === 'dingtalk') {
    const url = target.secret === null || target.secret === '' ? (target.url ?? '') : dingtalkSignedUrl(target.url ?? '', target.secret, Date.now());
    return postRobot(url, dingtalkBody(m), config.timeoutMs);
  }
  if (target.kind === 'email') {
    if (config.smtp === null) return { ok: false, status: null, error: 'no SMTP server configured (ALLOT_SMTP_HOST)' };
    if (m.to.email === null) return { ok: false, status: null, error: `${m.to.username} has no e-mail address` };
    const { subject, text } = renderText(m);
    const info = await transportFor(config.smtp).sendMail({ from: config.smtp.from, to: m.to.email, subject, text });
    const rejected = info.rejected ?? [];
    return rejected.length > 0 ? { ok: false, status: null, error: `rejected: ${rejected.join(', ')}` } : { ok: true, status: 250, error: null };
  }
  return { ok: false, status: null, error: `not a notification channel: ${target.kind}` };
}
