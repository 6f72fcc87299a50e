import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, min: s[0], p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] };
}

export const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a process and measures the time until `url` answers 200; then stops it. */
export async function timeUntilReady(command: string, args: string[], env: Record<string, string>, url: string, timeoutMs = 60_000) {
  const started = performance.now();
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    while (performance.now() - started < timeoutMs) {
      try {
        if ((await fetch(url)).status === 200) return performance.now() - started;
      } catch {}
      await new Promise((r) => setTimeout(r, 20));
      if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}`);
    }
    throw new Error(`${url} not ready within ${timeoutMs} ms`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
}

export function printTable(title: string, rows: Record<string, string | number>[]) {
  console.log(`\n${title}`);
  console.table(rows);
}
