// Time from `muhtar serve` to a 200 from /api/ready on an existing embedded data directory
// (target ≤ 3 s), against a bare Node HTTP server's start in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ms, printTable, stats, timeUntilReady } from './lib';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 3000;
const bin = new URL('../bin/muhtar.mjs', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'muhtar-bench-startup-'));

try {
  const env = (port: number) => ({
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MUHTAR_OWNER_PASSWORD: 'bench-password-1',
  });
  let port = await freePort();
  const first = await timeUntilReady('node', [bin, 'serve'], env(port), `http://127.0.0.1:${port}/api/ready`, 180_000);
  console.log(`first start (creates the database, migrates, seeds the demo org): ${ms(first)}`);

  const muhtar: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    port = await freePort();
    muhtar.push(await timeUntilReady('node', [bin, 'serve'], env(port), `http://127.0.0.1:${port}/api/ready`));
    port = await freePort();
    const script = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
    bare.push(await timeUntilReady('node', ['-e', script], {}, `http://127.0.0.1:${port}/`));
  }
  const m = stats(muhtar);
  const b = stats(bare);
  printTable(`startup on an existing embedded data dir, ${RUNS} runs`, [
    { what: 'muhtar serve → /api/ready', p50: ms(m.p50), max: ms(m.max) },
    { what: 'baseline: bare node http server', p50: ms(b.p50), max: ms(b.max) },
  ]);
  console.log(`ratio to baseline (p50): ${(m.p50 / b.p50).toFixed(1)}×`);
  console.log(`target ≤ ${TARGET_MS} ms: ${m.max <= TARGET_MS ? 'met' : 'MISSED'} (worst run ${ms(m.max)})`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
