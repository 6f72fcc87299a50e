#!/usr/bin/env node
// `npm run bench -- NAME`: runs bench/NAME.ts, which prints its figures and their ratio to a
// baseline measured in the same run.
import { readdirSync } from 'node:fs';
import { register } from 'tsx/esm/api';

const names = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !f.includes('.test.') && !f.startsWith('lib'))
  .map((f) => f.replace(/\.ts$/, ''));
const name = process.argv[2];
if (!name || !names.includes(name)) {
  console.error(`usage: npm run bench -- <${names.join('|')}>`);
  process.exit(1);
}
register();
await import(`./${name}.ts`);
