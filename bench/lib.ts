import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';

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

export interface RateResult {
  /** Latencies in ms, each from the moment its request was due (no coordinated omission). */
  latencies: number[];
  /** The server's own time per request (its Server-Timing header): the rest of a latency is the network and the queue. */
  serverMs: number[];
  sent: number;
  errors: number;
  firstError?: string;
  seconds: number;
  /**
   * CPU time the machine spent per request outside this process (the server, the database and
   * whatever else runs), in ms; null where /proc/stat is missing.
   */
  cpuMs: number | null;
}

/** The machine's busy CPU time so far in ms, all cores (Linux /proc/stat; steal excluded: not ours). */
function machineBusyMs(): number | null {
  try {
    const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8')
      .split('\n', 1)[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // USER_HZ is 100 on every Linux build we run on.
    return (user + nice + system + irq + softirq) * 10;
  } catch {
    return null;
  }
}

export const CORES = availableParallelism();

/** Requests/s these cores could serve at `cpuMs` of CPU each, if nothing else ran. */
export const ceiling = (cpuMs: number | null) => (cpuMs ? Math.round((CORES * 1000) / cpuMs) : null);

/**
 * An open-loop load at a fixed rate over keep-alive connections: request i is due at i / rate
 * seconds, and its latency counts from then, so a stalled server shows in the figures instead of
 * slowing the load down.
 */
export async function fixedRate(opts: {
  url: string;
  rate: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: (i: number) => Record<string, string>;
  body?: (i: number) => string;
  maxSockets?: number;
  path?: (i: number) => string;
}): Promise<RateResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 64 });
  const target = new URL(opts.url);
  const total = Math.round(opts.rate * opts.seconds);
  const latencies: number[] = [];
  const serverMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let done = 0;
  const busyBefore = machineBusyMs();
  const ownBefore = process.cpuUsage();
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    const finish = (i: number, status: number, body: string) => {
      latencies.push(performance.now() - (start + (i * 1000) / opts.rate));
      if (status < 200 || status >= 300) {
        errors++;
        firstError ??= `${status} ${body.slice(0, 300)}`;
      }
      if (++done === total) resolve();
    };
    const fire = (i: number) => {
      const payload = opts.body?.(i);
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: opts.method ?? 'GET',
          path: opts.path ? opts.path(i) : target.pathname,
          headers: {
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...opts.headers?.(i),
          },
        },
        (res) => {
          const dur = /app;dur=([\d.]+)/.exec(String(res.headers['server-timing']))?.[1];
          if (dur) serverMs.push(Number(dur));
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (body += c));
          res.on('end', () => finish(i, res.statusCode ?? 0, body));
        },
      );
      req.on('error', (err) => finish(i, 0, String(err)));
      req.end(payload);
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * opts.rate) / 1000) + 1);
      while (sent < due) fire(sent++);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  const seconds = (performance.now() - start) / 1000;
  const busyAfter = machineBusyMs();
  const own = process.cpuUsage(ownBefore);
  agent.destroy();
  const cpuMs = busyBefore === null || busyAfter === null ? null : (busyAfter - busyBefore - (own.user + own.system) / 1000) / total;
  return { latencies, serverMs, sent: total, errors, firstError, seconds, cpuMs };
}
