/**
 * The integrations API's request handling (route files guard, then call one of these):
 * webhook endpoints, the delivery log and replays, notification channels, people's channels.
 */
import { json, readJsonBody } from '../shared/guard';
import type { SessionUser } from '../auth';
import { asRecord } from '../shared/request-body';
import { getApp } from '../shared/app-context';
import type { DeliveryStatus } from '../shared/database';
import { createChannel, listChannels, setRecipient, updateChannel } from './channels';
import { listDeliveries, replayDeliveries } from './deliveries';
import type { ReplaySelection } from './deliveries';
import { createEndpoint, EndpointInputError, findEndpoint, listEndpoints, resumeEndpoint, rotateSecret, updateEndpoint } from './endpoints';
import { queueTestEvent } from './outbound';

const notFound = (zh: string, en: string): Response => json({ error: 'not_found', message: { zh, en } }, 404);

/** A bad field as 400 naming it. */
function invalid(error: unknown): Response {
  if (error instanceof EndpointInputError) return json({ error: 'bad_request', field: error.field, message: { zh: error.zh, en: error.en } }, 400);
  throw error;
}

async function body(request: Request): Promise<Record<string, unknown> | Response> {
  const read = await readJsonBody(request, 64 * 1024);
  if (!read.ok) return read.response;
  const parsed = read.value;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return json({ error: 'bad_request', message: { zh: '请求体须为 JSON 对象', en: 'the body must be a JSON object' } }, 400);
  return asRecord(parsed);
}

export async function getEndpoints(): Promise<Response> {
  const { db } = await getApp();
  return json({ endpoints: await listEndpoints(db) });
}

export async function postEndpoint(request: Request, user: SessionUser): Promise<Response> {
  const b = await body(request);
  if (b instanceof Response) return b;
  const { db, clock } = await getApp();
  try {
    return json(await createEndpoint(db, { name: b['name'], url: b['url'], secret: b['secret'], filters: b['filters'], enabled: b['enabled'] }, user.username, clock.now()), 201);
  } catch (error) {
    return invalid(error);
  }
}

export async function getEndpoint(id: string): Promise<Response> {
  const { db } = await getApp();
  const endpoint = await findEndpoint(db, id);
  return endpoint === undefined ? notFound('没有该端点', 'no such endpoint') : json({ endpoint });
}

export async function patchEndpoint(request: Request, id: string): Promise<Response> {
  const b = await body(request);
  if (b instanceof Response) return b;
  const { db, clock, outbound } = await getApp();
  try {
    const endpoint = await updateEndpoint(db, outbound, id, { name: b['name'], url: b['url'], filters: b['filters'], enabled: b['enabled'] }, clock.now());
    return endpoint === undefined ? notFound('没有该端点', 'no such endpoint') : json({ endpoint });
  } catch (error) {
    return invalid(error);
  }
}

export async function postRotate(request: Request, id: string): Promise<Response> {
  const b = await body(request);
  if (b instanceof Response) return b;
  const hours = b['overlapHours'] === undefined ? 24 : Number(b['overlapHours']);
  if (!Number.isFinite(hours) || hours < 0 || hours > 720) return json({ error: 'bad_request', field: 'overlapHours', message: { zh: '重叠时长须为 0–720 小时', en: 'overlapHours must be 0–720' } }, 400);
  const { db, clock } = await getApp();
  const rotated = await rotateSecret(db, id, clock.now(), hours);
  return rotated === undefined ? notFound('没有该端点', 'no such endpoint') : json(rotated);
}

export async function postResume(id: string): Promise<Response> {
  const { db, clock, outbound } = await getApp();
  const resumed = await resumeEndpoint(db, outbound, id, clock.now());
  return resumed === undefined ? notFound('没有该端点', 'no such endpoint') : json(resumed);
}

export async function postTestEvent(id: string, user: SessionUser): Promise<Response> {
  const { db, clock, outbound } = await getApp();
  if ((await findEndpoint(db, id)) === undefined) return notFound('没有该端点', 'no such endpoint');
  if (outbound === undefined) return json({ error: 'unavailable', message: { zh: '外发服务未启动', en: 'outbound delivery is not running' } }, 503);
  return json({ deliveryId: await queueTestEvent(outbound, db, id, clock.now(), user.username) }, 202);
}

const STATUSES: readonly DeliveryStatus[] = ['pending', 'sending', 'delivered', 'held', 'dead'];

export async function getDeliveries(request: Request): Promise<Response> {
  const q = new URL(request.url).searchParams;
  const status = q.get('status');
  if (status !== null && !(STATUSES as readonly string[]).includes(status)) return json({ error: 'bad_request', field: 'status', message: { zh: `状态须为 ${STATUSES.join('、')}`, en: `status must be one of ${STATUSES.join(', ')}` } }, 400);
  const before = q.get('before');
  const limit = q.get('limit');
  const { db } = await getApp();
  const deliveries = await listDeliveries(db, {
    ...(q.get('endpoint') ? { endpointId: q.get('endpoint') as string } : {}),
    ...(status === null ? {} : { status: status as DeliveryStatus }),
    ...(before !== null && Number.isSafeInteger(Number(before)) ? { before: Number(before) } : {}),
    ...(limit !== null && Number.isSafeInteger(Number(limit)) ? { limit: Number(limit) } : {}),
  });
  return json({ deliveries });
}

export async function postReplay(request: Request): Promise<Response> {
  const b = await body(request);
  if (b instanceof Response) return b;
  const int = (k: string): number | undefined | null => (b[k] === undefined ? undefined : Number.isSafeInteger(b[k]) ? (b[k] as number) : null);
  let selection: ReplaySelection;
  if (b['id'] !== undefined) {
    const id = int('id');
    if (id === null || id === undefined) return json({ error: 'bad_request', field: 'id', message: { zh: 'id 须为整数', en: 'id must be an integer' } }, 400);
    selection = { id };
  } else {
    if (typeof b['endpointId'] !== 'string') return json({ error: 'bad_request', field: 'endpointId', message: { zh: '需要 id，或 endpointId 加范围', en: 'give an id, or an endpointId with a range' } }, 400);
    const fromId = int('fromId');
    const toId = int('toId');
    if (fromId === null || toId === null) return json({ error: 'bad_request', field: fromId === null ? 'fromId' : 'toId', message: { zh: '范围须为整数', en: 'the range must be integers' } }, 400);
    const status = b['status'];
    if (status !== undefined && status !== 'dead' && status !== 'delivered' && status !== 'held') return json({ error: 'bad_request', field: 'status', message: { zh: '状态须为 dead、delivered 或 held', en: 'status must be dead, delivered or held' } }, 400);
    selection = { endpointId: b['endpointId'], ...(fromId === undefined ? {} : { fromId }), ...(toId === undefined ? {} : { toId }), ...(status === undefined ? {} : { status }) };
  }
  const { db, clock, outbound } = await getApp();
  return json({ replayed: await replayDeliveries(db, outbound, selection, clock.now()) });
}

export async function getChannels(): Promise<Response> {
  const { db } = await getApp();
  return json({ channels: await listChannels(db) });
}

export async function postChannel(request: Request, user: SessionUser): Promise<Response> {
  const b = await body(request);
  if (b instanceof Response) return b;
  const { db, clock } = await getApp();
  try {
    return json({ channel: await createChannel(db, { kind: b['kind'], name: b['name'], url: b['url'], secret: b['secret'] }, user.username, clock.now()) }, 201);
  } catch (error) {
    return invalid(error);
  }
}

export async function patchChannel(request: Request, id: string): Promise<Response> {
  const b = await body(request);
  if (b instanceof Response) return b;
  const { db } = await getApp();
  try {
    const channel = await updateChannel(db, id, { enabled: b['enabled'], resume: b['resume'] });
    return channel === undefined ? notFound('没有该渠道', 'no such channel') : json({ channel });
  } catch (error) {
    return invalid(error);
  }
}

export async function patchRecipient(request: Request, username: string): Promise<Response> {
  const b = await body(request);
  if (b instanceof Response) return b;
  const { db } = await getApp();
  try {
    return (await setRecipient(db, username, { channel: b['channel'], lang: b['lang'], email: b['email'], mobile: b['mobile'] })) ? json({ ok: true }) : notFound('没有该用户', 'no such user');
  } catch (error) {
    return invalid(error);
  }
}
