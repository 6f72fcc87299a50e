import { expect } from 'vitest';
import type { Caller, TestResponse } from '../../testing/app';

export type FormValue = string | { name: string; data: Buffer | string };

/** A multipart/form-data body built the way a browser builds it. */
export async function multipartBody(fields: Record<string, FormValue>) {
  const form = new FormData();
  for (const [name, v] of Object.entries(fields)) {
    if (typeof v === 'string') form.append(name, v);
    else form.append(name, new Blob([typeof v.data === 'string' ? Buffer.from(v.data) : v.data]), v.name);
  }
  const res = new Response(form);
  return { body: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

export async function postForm(caller: Caller, url: string, fields: Record<string, FormValue>, headers: Record<string, string> = {}) {
  const { body, headers: type } = await multipartBody(fields);
  return caller.post(url, body, { headers: { ...type, ...headers } });
}

/** Starts an import and returns its job id (202 expected). */
export async function startImport(
  caller: Caller,
  file: { name: string; data: Buffer | string },
  mapping: Record<string, string>,
  extra: { options?: object; headers?: Record<string, string>; kind?: string } = {},
): Promise<string> {
  const res = await postForm(
    caller,
    '/api/v1/imports',
    {
      kind: extra.kind ?? 'customers',
      mapping: JSON.stringify(mapping),
      ...(extra.options ? { options: JSON.stringify(extra.options) } : {}),
      file,
    },
    extra.headers,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.jobId;
}

/** Polls GET /api/v1/jobs/:id until the job has finished. */
export async function finishedJob(caller: Caller, jobId: string, timeoutMs = 30_000): Promise<TestResponse['body']> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await caller.get(`/api/v1/jobs/${jobId}`);
    expect(res.status).toBe(200);
    if (res.body.status === 'succeeded' || res.body.status === 'failed') return res.body;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
