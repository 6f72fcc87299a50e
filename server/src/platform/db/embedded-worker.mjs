// Runs PGlite in a worker thread and serves it over the PostgreSQL wire protocol on a unix
// socket, so the application talks to it through `pg` exactly as to a PostgreSQL server and a
// long query never blocks the main event loop (DESIGN §2).
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { WireQueue } from './wire-queue.mjs';

const { dataDir, templateTar, socketPath } = workerData;

async function start() {
  if (dataDir) mkdirSync(dataDir, { recursive: true }); // PGlite does not create parents
  const loadDataDir = templateTar ? new Blob([readFileSync(templateTar)]) : undefined;
  const db = await PGlite.create({
    dataDir: dataDir || undefined,
    loadDataDir,
    extensions: { citext, pg_trgm, unaccent },
  });
  const queue = new WireQueue(db);
  const handlers = new Set();
  const server = createServer((socket) => {
    const handler = new PGLiteSocketHandler({ queryQueue: queue, closeOnDetach: true });
    handlers.add(handler);
    handler.addEventListener('close', () => handlers.delete(handler));
    handler.addEventListener('error', () => handlers.delete(handler));
    handler.attach(socket);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  parentPort.on('message', async (msg) => {
    if (msg.type === 'dump') {
      const blob = await queue.exclusive(() => db.dumpDataDir('none'));
      parentPort.postMessage({ type: 'dumped', bytes: new Uint8Array(await blob.arrayBuffer()) });
    }
    if (msg.type === 'close') {
      for (const h of handlers) await h.detach(true);
      await new Promise((resolve) => server.close(resolve));
      await db.close();
      parentPort.postMessage({ type: 'closed' });
    }
  });
  parentPort.postMessage({ type: 'ready' });
}

start().catch((err) => parentPort.postMessage({ type: 'error', message: String(err?.stack ?? err) }));
