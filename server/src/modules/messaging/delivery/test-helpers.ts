import { expect } from 'vitest';
import type { Caller, TestApp } from '../../../testing/app';
import type { ResolvedProvider } from '../providers/registry';
import type { OutgoingMessage, SendResult } from '../providers/types';

let seq = 0;

/** A unique Turkish mobile number as a person types it, with its E.164 form. */
export function mobile(): { typed: string; e164: string } {
  const n = String(1_000_000 + ((Date.now() + ++seq * 7919) % 8_999_999)).slice(-7);
  return { typed: `0532 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`, e164: `+90532${n}` };
}

/** A customer with a phone, an e-mail unless `email: false`, and the consents granted. */
export async function customerWith(owner: Caller, opts: { consents?: string[]; email?: boolean } = {}) {
  const phone = mobile();
  const email = opts.email === false ? undefined : `musteri.${++seq}.${Date.now()}@örnek-posta.com.tr`.replace('ö', 'o');
  const res = await owner.post('/api/v1/customers', {
    firstName: 'Ayşe',
    lastName: 'Yılmaz',
    phone: phone.typed,
    ...(email ? { email } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.id as string;
  if (opts.consents?.length) {
    const c = await owner.post(`/api/v1/customers/${id}/consents`, { channels: opts.consents, status: 'granted', source: 'HS_WEB' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
  }
  return { id, phone: phone.e164, email };
}

/** A provider for tests: records what it was given; `fail` decides an error per message. */
export function fakeProvider(
  fail: (m: OutgoingMessage, attempt: number) => Error | null = () => null,
  opts: { status?: SendResult['status']; configId?: string; providerMessageId?: (m: OutgoingMessage) => string } = {},
) {
  const sent: OutgoingMessage[] = [];
  const attempts = new Map<string, number>();
  const configId = opts.configId ?? '019a0000-0000-7000-8000-00000000f00d';
  const resolved: ResolvedProvider = {
    configId,
    kind: 'netgsm',
    ratePerSecond: 1000,
    costPerPart: 7,
    provider: {
      async send(m) {
        const n = (attempts.get(m.id) ?? 0) + 1;
        attempts.set(m.id, n);
        const err = fail(m, n);
        if (err) throw err;
        sent.push(m);
        return { providerMessageId: opts.providerMessageId?.(m) ?? `pm-${m.id}`, status: opts.status ?? 'sent' };
      },
    },
  };
  return { sent, attempts, configId, resolve: async () => resolved };
}

export async function rows<T = Record<string, unknown>>(t: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return (await t.db.pool.query(text, params)).rows as T[];
}
