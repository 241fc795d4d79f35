'use client';

/**
 * The integrations page's body: webhook endpoints, the delivery log with replays, and the
 * notification channels.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { formatInstant } from '../../shared/format';
import { useLang, useT } from '../../shared/components/lang-context';
import type { ChannelView } from '../channels';
import type { DeliveryView } from '../deliveries';
import type { EndpointView } from '../endpoints';

const list = (text: string): string[] =>
  text
    .split(/[\s,，]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Webhook endpoints (with the paused banner), the delivery log with replays, and the notification channels. */
export function IntegrationsAdmin({ endpoints, channels, deliveries, selected }: { endpoints: readonly EndpointView[]; channels: readonly ChannelView[]; deliveries: readonly DeliveryView[]; selected: string | null }) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', url: '', kinds: '', rules: '', staff: '', workflow: true });
  const [channel, setChannel] = useState({ kind: 'dingtalk' as ChannelView['kind'], name: '', url: '', secret: '' });
  const [busy, setBusy] = useState(false);
  const names = new Map([...endpoints.map((e) => [e.id, e.name] as const), ...channels.map((c) => [c.id, c.name] as const)]);

  const send = async <T,>(method: 'POST' | 'PATCH', url: string, body: unknown, done?: (b: T) => void): Promise<void> => {
    setError(null);
    setInfo(null);
    setBusy(true);
    const res = await apiSend<T>(method, url, body);
    setBusy(false);
    if (!res.ok) return setError(res.message[lang]);
    done?.(res.body);
    router.refresh();
  };
  const create = (): Promise<void> =>
    send<{ secret: string }>('POST', '/api/integrations/endpoints', { name: form.name, url: form.url, filters: { kinds: list(form.kinds), rules: list(form.rules), staff: list(form.staff), workflow: form.workflow } }, (b) => {
      setSecret(b.secret);
      setForm({ name: '', url: '', kinds: '', rules: '', staff: '', workflow: true });
    });
  const rotate = (e: EndpointView): Promise<void> => (window.confirm(t('int.rotateConfirm', { name: e.name })) ? send<{ secret: string }>('POST', `/api/integrations/endpoints/${e.id}/rotate`, {}, (b) => setSecret(b.secret)) : Promise.resolve());
  const filterText = (e: EndpointView): string => {
    const parts = [
      e.filters.kinds.length > 0 ? `${t('int.kinds')}: ${e.filters.kinds.join(', ')}` : null,
      e.filters.rules.length > 0 ? `${t('int.rules')}: ${e.filters.rules.join(', ')}` : null,
      e.filters.staff.length > 0 ? `${t('int.staff')}: ${e.filters.staff.join(', ')}` : null,
      e.filters.workflow ? t('int.workflow') : null,
    ].filter((p) => p !== null);
    return parts.length === 0 ? t('int.all') : parts.join(' · ');
  };
  const selectedName = selected === null ? null : (names.get(selected) ?? selected);

  return (
    <>
      {endpoints
        .filter((e) => e.pausedAt !== null)
        .map((e) => (
          <div key={e.id} className="notice warn row" role="alert" data-testid="paused-banner">
            <span>{t('int.paused', { name: e.name, reason: e.pauseReason ?? '' })}</span>
            <button type="button" disabled={busy} onClick={() => void send('POST', `/api/integrations/endpoints/${e.id}/resume`, {})}>
              {t('int.resume')}
            </button>
          </div>
        ))}
      {channels
        .filter((c) => c.pausedAt !== null)
        .map((c) => (
          <div key={c.id} className="notice warn row" role="alert">
            <span>{t('int.channelPaused', { name: c.name })}</span>
            <button type="button" disabled={busy} onClick={() => void send('PATCH', `/api/integrations/channels/${c.id}`, { resume: true })}>
              {t('int.resume')}
            </button>
          </div>
        ))}
      {error !== null && <p className="notice error">{error}</p>}
      {info !== null && <p className="notice ok">{info}</p>}
      {secret !== null && (
        <div className="notice" data-testid="endpoint-secret-box">
          <p>{t('int.secretOnce')}</p>
          <div className="row">
            <code data-testid="endpoint-secret">{secret}</code>
            <button type="button" onClick={() => setSecret(null)}>
              {t('api.dismiss')}
            </button>
          </div>
        </div>
      )}
      <section className="card">
        <h2>{t('int.endpoints')}</h2>
        {endpoints.length === 0 ? (
          <p className="muted">{t('int.none')}</p>
        ) : (
          <div className="table-scroll">
            <table data-testid="endpoints">
              <thead>
                <tr>
                  <th>{t('int.name')}</th>
                  <th>{t('int.url')}</th>
                  <th>{t('int.filters')}</th>
                  <th>{t('int.state')}</th>
                  <th>{t('int.deliveries')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {endpoints.map((e) => (
                  <tr key={e.id} data-testid={`endpoint-${e.id}`}>
                    <td>{e.name}</td>
                    <td>
                      <code>{e.url}</code>
                    </td>
                    <td>{filterText(e)}</td>
                    <td>
                      {e.pausedAt !== null ? <span className="badge warn">{t('int.pausedState')}</span> : e.enabled ? t('int.on') : t('int.off')}
                      {e.previousSecretUntil !== null && new Date(e.previousSecretUntil) > new Date() && <div className="muted">{t('int.rotating', { until: formatInstant(e.previousSecretUntil, lang) })}</div>}
                    </td>
                    <td>
                      {(['delivered', 'pending', 'held', 'dead'] as const)
                        .filter((s) => (e.counts[s] ?? 0) > 0)
                        .map((s) => `${t(`int.status.${s}`)} ${e.counts[s] ?? 0}`)
                        .join(' · ') || '—'}
                    </td>
                    <td>
                      <div className="row">
                        <button type="button" disabled={busy} onClick={() => void send<{ deliveryId: number }>('POST', `/api/integrations/endpoints/${e.id}/test`, {}, () => setInfo(t('int.testQueued')))} data-testid="send-test">
                          {t('int.test')}
                        </button>
                        <button type="button" disabled={busy} onClick={() => void send('PATCH', `/api/integrations/endpoints/${e.id}`, { enabled: !e.enabled })}>
                          {e.enabled ? t('int.turnOff') : t('int.turnOn')}
                        </button>
                        <button type="button" disabled={busy} onClick={() => void rotate(e)}>
                          {t('int.rotate')}
                        </button>
                        <a href={`/integrations?endpoint=${encodeURIComponent(e.id)}`}>{t('int.show')}</a>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t('int.new')}</h3>
        <div className="form-grid">
          <label>
            {t('int.name')}
            <input value={form.name} maxLength={80} onChange={(e) => setForm({ ...form, name: e.target.value })} data-testid="endpoint-name" />
          </label>
          <label>
            {t('int.url')}
            <input value={form.url} placeholder="https://crm.example.com/hooks/allot" onChange={(e) => setForm({ ...form, url: e.target.value })} data-testid="endpoint-url" />
          </label>
          <label>
            {t('int.kinds')} <span className="muted">({t('int.listHint')})</span>
            <input value={form.kinds} placeholder="staff.fined, staff.paused" onChange={(e) => setForm({ ...form, kinds: e.target.value })} data-testid="endpoint-kinds" />
          </label>
          <label>
            {t('int.rules')}
            <input value={form.rules} placeholder="F1, V1" onChange={(e) => setForm({ ...form, rules: e.target.value })} />
          </label>
          <label>
            {t('int.staff')}
            <input value={form.staff} onChange={(e) => setForm({ ...form, staff: e.target.value })} />
          </label>
          <label className="row">
            <input type="checkbox" checked={form.workflow} onChange={(e) => setForm({ ...form, workflow: e.target.checked })} />
            {t('int.workflow')}
          </label>
        </div>
        <button type="button" className="primary" disabled={busy || form.name.trim() === '' || form.url.trim() === ''} onClick={() => void create()} data-testid="endpoint-create">
          {t('int.create')}
        </button>
      </section>

      <section className="card">
        <div className="row">
          <h2>{selectedName === null ? t('int.log') : t('int.logOf', { name: selectedName })}</h2>
          {selected !== null && <a href="/integrations">{t('int.showAll')}</a>}
          {selected !== null && deliveries.some((d) => d.status === 'dead') && (
            <button type="button" disabled={busy} onClick={() => void send<{ replayed: number }>('POST', '/api/integrations/deliveries/replay', { endpointId: selected, status: 'dead' }, (b) => setInfo(t('int.replayed', { n: b.replayed })))}>
              {t('int.replayDead')}
            </button>
          )}
        </div>
        {deliveries.length === 0 ? (
          <p className="muted">{t('int.noDeliveries')}</p>
        ) : (
          <div className="table-scroll">
            <table data-testid="deliveries">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('int.name')}</th>
                  <th>{t('int.event')}</th>
                  <th>{t('int.webhookId')}</th>
                  <th>{t('int.status')}</th>
                  <th>{t('int.attempts')}</th>
                  <th>{t('int.code')}</th>
                  <th>{t('int.latency')}</th>
                  <th>{t('int.lastAttempt')}</th>
                  <th>{t('int.error')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} data-testid="delivery-row" data-status={d.status}>
                    <td>{d.id}</td>
                    <td>{d.recipient === null ? (names.get(d.endpointId) ?? d.endpointId) : `${names.get(d.endpointId) ?? d.endpointId} → ${d.recipient}`}</td>
                    <td>{d.eventType}</td>
                    <td>
                      <code>{d.eventId}</code>
                    </td>
                    <td>
                      <span className={`badge ${d.status === 'delivered' ? 'good' : d.status === 'dead' ? 'bad' : 'warn'}`}>{t(`int.status.${d.status}`)}</span>
                      {d.status === 'pending' && d.attempts > 0 && <div className="muted">{`${t('int.nextAttempt')} ${formatInstant(d.nextAt, lang)}`}</div>}
                    </td>
                    <td>{d.attempts}</td>
                    <td>{d.lastStatus ?? '—'}</td>
                    <td>{d.latencyMs === null ? '—' : `${d.latencyMs} ms`}</td>
                    <td>{d.lastAttemptAt === null ? '—' : formatInstant(d.lastAttemptAt, lang)}</td>
                    <td className="muted">{d.lastError ?? ''}</td>
                    <td>
                      {(d.status === 'dead' || d.status === 'delivered') && (
                        <button type="button" disabled={busy} onClick={() => void send<{ replayed: number }>('POST', '/api/integrations/deliveries/replay', { id: d.id }, (b) => setInfo(t('int.replayed', { n: b.replayed })))}>
                          {t('int.replay')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card">
        <h2>{t('int.channels')}</h2>
        <p className="muted">{t('int.channelsIntro')}</p>
        {channels.length === 0 ? (
          <p className="muted">{t('int.noChannels')}</p>
        ) : (
          <div className="table-scroll">
            <table data-testid="channels">
              <thead>
                <tr>
                  <th>{t('int.name')}</th>
                  <th>{t('int.kind')}</th>
                  <th>{t('int.url')}</th>
                  <th>{t('int.state')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {channels.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>
                      {t(`int.kind.${c.kind}`)}
                      {c.signed && <span className="muted"> · {t('int.signed')}</span>}
                    </td>
                    <td>{c.url === null ? '—' : <code>{c.url.replace(/(access_token|key)=[^&]+/, '$1=…')}</code>}</td>
                    <td>{c.pausedAt !== null ? t('int.pausedState') : c.enabled ? t('int.on') : t('int.off')}</td>
                    <td>
                      <button type="button" disabled={busy} onClick={() => void send('PATCH', `/api/integrations/channels/${c.id}`, { enabled: !c.enabled })}>
                        {c.enabled ? t('int.turnOff') : t('int.turnOn')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t('int.addChannel')}</h3>
        <div className="form-grid">
          <label>
            {t('int.kind')}
            <select value={channel.kind} onChange={(e) => setChannel({ ...channel, kind: e.target.value as ChannelView['kind'] })} data-testid="channel-kind">
              <option value="dingtalk">{t('int.kind.dingtalk')}</option>
              <option value="wecom">{t('int.kind.wecom')}</option>
              <option value="email">{t('int.kind.email')}</option>
            </select>
          </label>
          <label>
            {t('int.name')}
            <input value={channel.name} maxLength={80} onChange={(e) => setChannel({ ...channel, name: e.target.value })} data-testid="channel-name" />
          </label>
          {channel.kind !== 'email' && (
            <label>
              {t('int.url')}
              <input value={channel.url} placeholder={channel.kind === 'dingtalk' ? 'https://oapi.dingtalk.com/robot/send?access_token=…' : 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…'} onChange={(e) => setChannel({ ...channel, url: e.target.value })} data-testid="channel-url" />
            </label>
          )}
          {channel.kind === 'dingtalk' && (
            <label>
              {t('int.dingSecret')}
              <input value={channel.secret} onChange={(e) => setChannel({ ...channel, secret: e.target.value })} data-testid="channel-secret" />
            </label>
          )}
        </div>
        <button
          type="button"
          className="primary"
          disabled={busy || channel.name.trim() === '' || (channel.kind !== 'email' && channel.url.trim() === '')}
          onClick={() => void send('POST', '/api/integrations/channels', { kind: channel.kind, name: channel.name, ...(channel.kind === 'email' ? {} : { url: channel.url }), ...(channel.kind === 'dingtalk' ? { secret: channel.secret } : {}) }, () => setChannel({ kind: channel.kind, name: '', url: '', secret: '' }))}
          data-testid="channel-create"
        >
          {t('int.addChannel')}
        </button>
      </section>
    </>
  );
}
