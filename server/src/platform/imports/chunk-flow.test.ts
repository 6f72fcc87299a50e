import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/app';
import { emitEvents } from '../events/bus';
import { runImport } from './engine';
import { saveImportFile } from './files';
import { type ImportKind, registerImportKind } from './registry';

let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp();
  ({ orgId } = await t.newOrg());
});
afterAll(() => t.close());

/**
 * A kind of two-row chunks that writes an event, hands off, waits for the previous chunk and
 * ends; chunk `failAt` throws right after handing off. `log` records what happened when.
 */
function overlappingKind(name: string, log: string[], failAt?: number): ImportKind {
  return {
    kind: name,
    permission: 'imports.run',
    fields: [{ name: 'n', synonyms: [] }],
    chunkRows: 2,
    async run(tx, rows, _job, _read, flow) {
      const chunk = rows[0].index / 2;
      log.push(`start ${chunk}`);
      await emitEvents(tx, [{ type: 'test.chunk', payload: { name, chunk } }]);
      flow.handOff();
      if (chunk === failAt) throw new Error(`chunk ${chunk} failed`);
      // Time for the next chunk to start meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await flow.previous;
      log.push(`end ${chunk}`);
      return { created: rows.length, updated: 0, merged: 0, rejected: [] };
    },
  };
}

async function importRows(kind: ImportKind, count: number) {
  registerImportKind(kind);
  const csv = ['n', ...Array.from({ length: count }, (_, i) => String(i))].join('\n');
  const jobId = await t.db.tenant(orgId, async (tx) => {
    const id = await t.app.ctx.jobs.createRun(tx, 'import');
    await saveImportFile(tx, id, 'upload', 'rows.csv', Buffer.from(`${csv}\n`));
    return id;
  });
  await runImport(t.app.ctx, {
    orgId,
    jobId,
    kind: kind.kind,
    mapping: { n: 'n' },
    options: {},
    actor: { type: 'user', id: randomUUID(), name: 'test' },
    storeIds: null,
    locale: 'tr',
  });
  const run = (await t.db.pool.query('select status, done, result from job_runs where id = $1', [jobId])).rows[0];
  const committed = (
    await t.db.pool.query<{ chunk: number }>(
      `select (payload->>'chunk')::int as chunk from events where org_id = $1 and type = 'test.chunk' and payload->>'name' = $2 order by 1`,
      [orgId, kind.kind],
    )
  ).rows.map((r) => r.chunk);
  return { run, committed };
}

describe('chunks that hand off', () => {
  it('overlap at most two at a time, end in file order, and report every row', async () => {
    const log: string[] = [];
    const { run, committed } = await importRows(overlappingKind('overlap-ok', log), 7);
    expect(run).toMatchObject({ status: 'succeeded', done: 7, result: { created: 7 } });
    expect(committed).toEqual([0, 1, 2, 3]);
    expect(log.filter((e) => e.startsWith('end'))).toEqual(['end 0', 'end 1', 'end 2', 'end 3']);
    // Chunk n + 2 starts only after chunk n has ended.
    for (let n = 0; n + 2 < 4; n++) expect(log.indexOf(`start ${n + 2}`)).toBeGreaterThan(log.indexOf(`end ${n}`));
    // On PostgreSQL the next chunk runs while the previous one finishes; the embedded database has one session.
    if (!t.db.isEmbedded) expect(log.indexOf('start 1')).toBeLessThan(log.indexOf('end 0'));
  });

  it('fail the import when a chunk fails after handing off: the next chunk commits nothing, none starts after it', async () => {
    const log: string[] = [];
    const { run, committed } = await importRows(overlappingKind('overlap-fail', log, 1), 7);
    expect(run).toMatchObject({ status: 'failed', done: 2 });
    expect(committed).toEqual([0]);
    expect(log).not.toContain('end 2');
    expect(log).not.toContain('start 3');
  });
});
