import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { invalidField } from '../../../platform/http/problem';
import { newId } from '../../../platform/ids';
import { normalizePhone } from '../../../platform/phone';
import type { ProviderConfigRow } from './configs';
import { providerFor } from './registry';
import { ProviderError } from './types';

export interface TestSendResult {
  ok: boolean;
  providerMessageId: string | null;
  /** The provider's own message when it refused or failed. */
  error: string | null;
  /** Whether the failure would have been retried in a real send. */
  retryable: boolean | null;
}

const TEXT = {
  tr: { subject: 'Muhtar deneme mesajı', text: 'Muhtar deneme mesajı: bu gönderim servisi çalışıyor.' },
  en: { subject: 'Muhtar test message', text: 'Muhtar test message: this provider works.' },
};

function recipient(channel: ProviderConfigRow['channel'], to: string): string {
  const address = channel === 'email' ? (z.email().safeParse(to.trim()).success ? to.trim() : null) : normalizePhone(to);
  if (!address) throw invalidField('/to', 'invalid_recipient', 'messaging.provider_bad_recipient');
  return address;
}

/**
 * Sends one message now through this configuration — not queued, no customer, transactional (no
 * İYS filter) — and reports what the provider said. A refusal is an answer, not an error.
 */
export async function sendTest(
  ctx: AppContext,
  row: ProviderConfigRow,
  input: { to: string; text?: string },
  locale: 'tr' | 'en',
): Promise<TestSendResult> {
  const to = recipient(row.channel, input.to);
  const text = input.text ?? TEXT[locale].text;
  try {
    const result = await providerFor(ctx, row).send({
      id: newId(),
      orgId: row.orgId,
      channel: row.channel,
      to,
      subject: TEXT[locale].subject,
      text,
      html: row.channel === 'email' ? `<p>${text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>` : undefined,
      transactional: true,
    });
    return { ok: true, providerMessageId: result.providerMessageId, error: null, retryable: null };
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    return { ok: false, providerMessageId: null, error: err.message, retryable: err.retryable };
  }
}
