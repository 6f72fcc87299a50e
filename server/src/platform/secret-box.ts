import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets at rest (İYS passwords, message provider keys): AES-256-GCM with a key derived (HKDF-SHA256) from a
 * per-installation key file, `DATA_DIR/secret.key`, created on first use with mode 0600. There is
 * no configured secret to derive from; back the file up with the database, or stored secrets
 * must be entered again. Format: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
const keys = new Map<string, Buffer>();

function masterKey(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key');
  let master: Buffer;
  try {
    master = readFileSync(file);
  } catch {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
    } catch {} // another process created it first: read theirs
    master = readFileSync(file);
  }
  return master;
}

/** A 32-byte key for one purpose (`info`), derived from the installation's key file; never stored. */
export function derivedKey(dataDir: string, info: string): Buffer {
  const id = `${dataDir}\0${info}`;
  const cached = keys.get(id);
  if (cached) return cached;
  const key = Buffer.from(hkdfSync('sha256', masterKey(dataDir), Buffer.alloc(0), info, 32));
  keys.set(id, key);
  return key;
}

const keyFor = (dataDir: string) => derivedKey(dataDir, 'muhtar:secrets:v1');

export function seal(dataDir: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(dataDir), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function open(dataDir: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1') throw new Error('unknown secret format');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(dataDir), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
