/**
 * Integrations: signed webhooks and notifications (企业微信, 钉钉, e-mail) from the outbox.
 *
 * The feature's public surface: another feature imports from this file only, never from the
 * files behind it (eslint's no-restricted-imports enforces it; see docs/admin.md "Layout").
 */
export { startOutbound } from './outbound';
export type { Outbound } from './outbound';
export { outboundConfigFromEnv } from './config';
export { recipientSettings } from './channels';
export type { RecipientView } from './channels';
