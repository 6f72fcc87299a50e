// `npm run bench -- customers-import`: 100,000 realistic customer rows (Turkish names, phones in
// several typed forms, some duplicates and bad rows) as a semicolon CSV through the real HTTP
// endpoint and the import job, on embedded PGlite. Target: < 60 s. Baseline, same run: a plain
// multi-row INSERT of the same rows into a scratch table with the same columns.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../server/src/app';
import { createApiKey } from '../server/src/modules/access/api-keys';
import { createOrg } from '../server/src/modules/access/orgs';
import { createStore } from '../server/src/modules/access/stores';
import { loadConfig } from '../server/src/platform/config';
import { openDatabase } from '../server/src/platform/db/database';
import { multipartBody } from '../server/src/platform/imports/test-helpers';
import { printTable } from './lib';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const TARGET_S = 60;
const FIRST = [
  'Ayşe',
  'Fatma',
  'Zeynep',
  'Elif',
  'Emine',
  'Mehmet',
  'Ahmet',
  'Mustafa',
  'Ali',
  'Hüseyin',
  'Işıl',
  'Çağrı',
  'Oğuz',
  'Ömer',
  'İbrahim',
  'Gül',
  'Derya',
  'Burak',
  'Emre',
  'Şeyma',
  'Ayşe Nur',
  'Mehmet Ali',
];
const LAST = [
  'Yılmaz',
  'Kaya',
  'Demir',
  'Şahin',
  'Çelik',
  'Yıldız',
  'Yıldırım',
  'Öztürk',
  'Aydın',
  'Özdemir',
  'Arslan',
  'Doğan',
  'Kılıç',
  'Aslan',
  'Çetin',
  'Kara',
  'Koç',
  'Kurt',
  'Özkan',
  'Şimşek',
];
const CITIES = ['İstanbul', 'Ankara', 'İzmir', 'Bursa', 'Antalya', 'Eskişehir', 'Muğla'];
const STORES = ['IST01', 'IST02', 'ANK01', 'IZM01'];
const HEADERS = [
  'Adı Soyadı',
  'Cep Telefonu',
  'E-posta',
  'Doğum Tarihi',
  'Cinsiyet',
  'İl',
  'Mağaza Kodu',
  'Kart No',
  'SMS İzni',
  'E-posta İzni',
];
const MAPPING = {
  fullName: 'Adı Soyadı',
  phone: 'Cep Telefonu',
  email: 'E-posta',
  birthday: 'Doğum Tarihi',
  gender: 'Cinsiyet',
  city: 'İl',
  storeCode: 'Mağaza Kodu',
  cardNumber: 'Kart No',
  smsConsent: 'SMS İzni',
  emailConsent: 'E-posta İzni',
};

/** Row i: 2% repeat an earlier customer's phone in another form, 1% carry a bad phone. */
function row(i: number): string[] {
  const n = i % 50 === 49 ? i - 17 : i; // a duplicate of an earlier row
  const digits = `53${String(n).padStart(8, '0')}`;
  const forms = [
    `0${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 8)} ${digits.slice(8)}`,
    `+90${digits}`,
    digits,
    `+90 (${digits.slice(0, 3)}) ${digits.slice(3)}`,
  ];
  const phone = i % 100 === 42 ? '12345' : forms[i % 4];
  const first = FIRST[n % FIRST.length];
  const last = LAST[(n * 7) % LAST.length];
  return [
    `${first} ${last}`,
    phone,
    n % 3 === 0 ? `musteri${n}@ornek.com.tr` : '',
    `${String(1 + (n % 28)).padStart(2, '0')}.${String(1 + (n % 12)).padStart(2, '0')}.${1950 + (n % 55)}`,
    n % 2 ? 'K' : 'E',
    CITIES[n % CITIES.length],
    STORES[n % STORES.length],
    n % 5 === 0 ? `MHT${n}` : '',
    n % 4 === 0 ? 'evet' : '',
    n % 6 === 0 ? 'evet' : '',
  ];
}

const rows = Array.from({ length: ROWS }, (_, i) => row(i));
const csv = `${[HEADERS, ...rows].map((r) => r.join(';')).join('\r\n')}\r\n`;
const dataDir = mkdtempSync(join(tmpdir(), 'muhtar-bench-import-'));
try {
  const db = await openDatabase({ dataDir });
  const app = await createApp(loadConfig({ LOG_LEVEL: 'silent' }), { db, role: 'all', logger: false, jobPollSeconds: 0.5 });
  try {
    const { orgId } = await createOrg(db, {
      name: 'Bench',
      owner: { email: 'bench@bench.local', name: 'Bench', password: 'bench-password-1' },
    });
    const key = await db.tenant(orgId, async (tx) => {
      for (const code of STORES) await createStore(tx, { auth: null }, { code, name: code });
      return createApiKey(tx, { auth: null }, { name: 'bench', scopes: ['admin'] });
    });
    const auth = { authorization: `Bearer ${key.key}` };

    // Baseline: the same rows, same columns, plain multi-row INSERTs of 1,000 rows.
    await db.pool.query(`create table bench_import_baseline (${HEADERS.map((_, i) => `c${i} text`).join(', ')})`);
    let started = performance.now();
    for (let from = 0; from < rows.length; from += 1000) {
      const part = rows.slice(from, from + 1000);
      const values = part.map((_, r) => `(${HEADERS.map((_, c) => `$${r * HEADERS.length + c + 1}`).join(',')})`).join(',');
      await db.pool.query(`insert into bench_import_baseline values ${values}`, part.flat());
    }
    const baselineS = (performance.now() - started) / 1000;

    started = performance.now();
    const form = await multipartBody({ kind: 'customers', mapping: JSON.stringify(MAPPING), file: { name: 'musteriler.csv', data: csv } });
    const res = await app.http!.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...auth, ...form.headers },
      payload: form.body,
    });
    if (res.statusCode !== 202) throw new Error(`${res.statusCode} ${res.body}`);
    const { jobId } = res.json() as { jobId: string };
    let job: { status: string; done: number; result: Record<string, unknown>; error: string | null };
    for (;;) {
      job = (await app.http!.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers: auth })).json();
      if (job.status === 'succeeded' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const importS = (performance.now() - started) / 1000;
    if (job.status !== 'succeeded') throw new Error(`import failed: ${job.error}`);

    printTable(`customer import of ${ROWS.toLocaleString('en')} rows (${(csv.length / 1e6).toFixed(1)} MB CSV) on embedded PGlite`, [
      { what: 'POST /api/v1/imports → job succeeded', seconds: importS.toFixed(1), 'rows/s': Math.round(ROWS / importS) },
      { what: 'baseline: multi-row INSERT into a scratch table', seconds: baselineS.toFixed(1), 'rows/s': Math.round(ROWS / baselineS) },
    ]);
    console.log('result:', JSON.stringify(job.result));
    console.log(`ratio to baseline: ${(importS / baselineS).toFixed(1)}×`);
    console.log(`target < ${TARGET_S} s: ${importS < TARGET_S ? 'met' : 'MISSED'} (${importS.toFixed(1)} s)`);
  } finally {
    await app.close();
    await db.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
