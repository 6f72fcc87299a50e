import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface EmbeddedDatabase {
  /** A `pg` connection string pointing at the worker's unix socket. */
  connectionString: string;
  /** A tarball of the data directory (used to clone migrated templates in tests). */
  dump(): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory of the database files; in memory when absent. */
  dataDir?: string;
  /** A tarball from `dump()` to start from (only with an in-memory database). */
  templateTar?: string;
}

/** Starts PGlite in a worker thread and serves it on a private unix socket. */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  // A short private directory: unix socket paths are limited to ~100 bytes and the socket has
  // no password, so only this user may reach it.
  const socketDir = mkdtempSync(join(tmpdir(), 'muhtar-db-'));
  const socketPath = join(socketDir, '.s.PGSQL.5432');
  const worker = new Worker(new URL('./embedded-worker.mjs', import.meta.url), {
    workerData: { ...options, socketPath },
  });
  const once = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (msg: Record<string, unknown>) => {
        if (msg.type === type) {
          worker.off('message', onMessage);
          resolve(msg);
        } else if (msg.type === 'error') {
          worker.off('message', onMessage);
          reject(new Error(`embedded database failed to start: ${msg.message}`));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  try {
    await once('ready');
  } catch (err) {
    await worker.terminate();
    rmSync(socketDir, { recursive: true, force: true });
    throw err;
  }
  let closed: Promise<void> | undefined;
  return {
    connectionString: `postgresql://postgres@/postgres?host=${encodeURIComponent(socketDir)}`,
    async dump() {
      const reply = once('dumped');
      worker.postMessage({ type: 'dump' });
      return (await reply).bytes as Uint8Array;
    },
    close() {
      closed ??= (async () => {
        const done = once('closed');
        worker.postMessage({ type: 'close' });
        await done;
        await worker.terminate();
        rmSync(socketDir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}
