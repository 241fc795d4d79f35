/**
 * The what-if API over HTTP (route files guard, then call one of these): a run streamed as NDJSON,
 * one person's decisions under both versions, a run as a download, and what-if jobs (start,
 * status, cancel). Bad input is refused as JSON (400/404) before anything runs.
 */
import type { NextRequest } from 'next/server';
import type { SessionUser } from '../auth';
import { getApp } from '../shared/app-context';
import { exportResponse } from '../shared/export-response';
import { json, readJsonBody } from '../shared/guard';
import { requestLang } from '../shared/i18n/lang';
import { getJobQueue } from '../shared/job-queue';
import { asRecord } from '../shared/request-body';
import { whatIfSheets } from './export';
import { WHAT_IF_JOB, whatIfJobView } from './job';
import { parseWhatIfParams } from './request';
import type { ParsedParams } from './request';
import { personDetailOf, prepareRun, replayRun } from './run';
import type { PreparedRun, RunRefusal } from './run';
import { whatIfStream } from './stream';
import type { WhatIfResult } from './types';

/** A what-if body is at most 1 MiB (an unsaved candidate policy rides in it). */
const WHAT_IF_BODY_LIMIT = 1024 * 1024;

/** 400 naming the field of the body that is missing or malformed. */
const badField = (field: string): Response => json({ error: 'bad_request', message: { zh: `请求字段 ${field} 无效`, en: `invalid field ${field}` } }, 400);

/** A refusal found while resolving the run (no such policy or version, an invalid candidate) with its status. */
const refusal = (r: RunRefusal): Response => json({ error: r.error, message: r.message, ...(r.details === undefined ? {} : { details: r.details }) }, r.status);

/** The what-if question of the body (`needStaff`: with the person's `staffId`), or the response refusing it. */
async function questionOf(request: Request, needStaff = false): Promise<{ ok: true; parsed: Extract<ParsedParams, { ok: true }> } | { ok: false; response: Response }> {
  const read = await readJsonBody(request, WHAT_IF_BODY_LIMIT);
  if (!read.ok) return read;
  const parsed = parseWhatIfParams(read.value, needStaff);
  if (!parsed.ok) return { ok: false, response: badField(parsed.field) };
  return { ok: true, parsed };
}

/** The question resolved into a run, or the response refusing it. */
async function runOf(parsed: Extract<ParsedParams, { ok: true }>): Promise<{ ok: true; run: PreparedRun } | { ok: false; response: Response }> {
  const { db, clock } = await getApp();
  const prepared = await prepareRun(db, parsed.params, clock.now());
  return prepared.ok ? prepared : { ok: false, response: refusal(prepared) };
}

/** Runs a what-if: NDJSON progress lines, then the result; aborting the request stops the replay. */
export async function runWhatIfHttp(request: Request): Promise<Response> {
  const question = await questionOf(request);
  if (!question.ok) return question.response;
  const prepared = await runOf(question.parsed);
  if (!prepared.ok) return prepared.response;
  return new Response(whatIfStream(prepared.run, request.signal), {
    status: 200,
    headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
}

/** One person's decisions in the period under both versions: the run's body plus `staffId`; 404 for someone the history does not know. */
export async function personHttp(request: Request): Promise<Response> {
  const question = await questionOf(request, true);
  if (!question.ok) return question.response;
  const { staffId } = question.parsed;
  if (staffId === null) return badField('staffId');
  const prepared = await runOf(question.parsed);
  if (!prepared.ok) return prepared.response;
  if (!prepared.run.directory.has(staffId)) return json({ error: 'not_found', message: { zh: '历史中没有该员工', en: 'no such staff member in the history' } }, 404);
  const replayed = await replayRun(prepared.run, { signal: request.signal });
  return json({ person: personDetailOf(prepared.run, replayed, staffId) });
}

/** A run the page holds as a download: `{ result, format: 'xlsx' | 'csv' }` → the workbook, or the per-person sheet as CSV. */
export async function exportHttp(request: NextRequest): Promise<Response> {
  const read = await readJsonBody(request, 8 * 1024 * 1024);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const result = asRecord(body['result']);
  const format = body['format'] === 'csv' ? 'csv' : body['format'] === 'xlsx' ? 'xlsx' : null;
  if (format === null || typeof result['policyId'] !== 'string' || typeof result['totals'] !== 'object' || !Array.isArray(result['people']) || !Array.isArray(result['weeks'])) {
    return json({ error: 'bad_request', message: { zh: '须提供模拟结果和格式(xlsx 或 csv)', en: 'a what-if result and a format (xlsx or csv) are required' } }, 400);
  }
  const sheets = whatIfSheets(result as unknown as WhatIfResult, requestLang(request));
  const r = result as unknown as WhatIfResult;
  const name = `what-if-${r.policyId}-${String(r.base?.version)}-vs-${String(r.candidate?.version)}`;
  return exportResponse(format === 'csv' ? [sheets[2] as (typeof sheets)[number]] : sheets, format, name);
}

/** Starts a what-if as a job: 202 with the job at once; a refusal found when it runs is the job's result. */
export async function submitJobHttp(request: Request, user: SessionUser): Promise<Response> {
  const question = await questionOf(request);
  if (!question.ok) return question.response;
  const jobs = await getJobQueue();
  const job = await jobs.submit(WHAT_IF_JOB, question.parsed.params, { requestedBy: user.username });
  return json({ job: whatIfJobView(job) }, 202);
}

const jobNotFound = (): Response => json({ error: 'not_found', message: { zh: '没有该模拟任务', en: 'no such what-if job' } }, 404);

/** A what-if job's status, progress and, once done, its kept result; 404 for any other id. */
export async function jobHttp(id: string): Promise<Response> {
  const job = await (await getJobQueue()).get(id);
  if (job === undefined || job.kind !== WHAT_IF_JOB) return jobNotFound();
  return json({ job: whatIfJobView(job) }, 200, { 'cache-control': 'no-store' });
}

/** Cancels a what-if job: a queued one at once, a running one at its next progress report. */
export async function cancelJobHttp(id: string): Promise<Response> {
  const jobs = await getJobQueue();
  const found = await jobs.get(id);
  if (found === undefined || found.kind !== WHAT_IF_JOB) return jobNotFound();
  const job = await jobs.cancel(id);
  return json({ job: whatIfJobView(job ?? found) });
}
