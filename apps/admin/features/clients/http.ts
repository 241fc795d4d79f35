/**
 * The clients API over HTTP (route files guard, then call one of these): the masked list with
 * its filters and one client's page, its contact unmasked only for whoever may see it.
 */
import type { SessionUser } from '../auth';
import { getApp } from '../shared/app-context';
import { json } from '../shared/guard';
import { FORBIDDEN, listClients, readClient } from './read';

/** Clients (`?q=&tier=&owner=&after=&limit=`): a rep only their own, everyone else all; names and phones masked. */
export async function listClientsHttp(searchParams: URLSearchParams, user: SessionUser): Promise<Response> {
  const p = searchParams;
  const opt = (k: string): string | undefined => p.get(k)?.trim().slice(0, 64) || undefined;
  const limit = Number(p.get('limit') ?? '');
  const { db } = await getApp();
  const page = await listClients(db, user, {
    ...(opt('q') === undefined ? {} : { q: opt('q') }),
    ...(opt('tier') === undefined ? {} : { tier: opt('tier') }),
    ...(opt('owner') === undefined ? {} : { owner: opt('owner') }),
    ...(opt('after') === undefined ? {} : { after: opt('after') }),
    ...(Number.isSafeInteger(limit) && limit > 0 ? { limit } : {}),
  });
  return json(page);
}

/** One client for this user; 404 for an unknown one, 403 for a rep's client that is not theirs. */
export async function readClientHttp(user: SessionUser, id: string): Promise<Response> {
  const { db, runtime, clock } = await getApp();
  const detail = await readClient({ db, runtime }, user, id, clock.now());
  if (detail === null) return json({ error: 'not_found', message: { zh: '没有该客户', en: 'no such client' } }, 404);
  if (detail === FORBIDDEN) return json({ error: 'forbidden', message: { zh: '只能查看自己的客户', en: 'you may open your own clients only' } }, 403);
  return json(detail);
}
