import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { messagingSettings } from './schema';

export interface SendingSettings {
  /** "HH:MM" local time in the org's zone; equal start and end: no quiet hours. */
  quietHours: { start: string; end: string };
  frequencyCap: { messages: number; days: number };
  maxAttempts: number;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

const DEFAULTS = { quietStart: 21 * 60, quietEnd: 9 * 60, frequencyCap: 2, frequencyDays: 7, maxAttempts: 5 };

export type SettingsRow = typeof DEFAULTS;
type Row = SettingsRow;

const view = (r: Row): SendingSettings => ({
  quietHours: { start: hhmm(r.quietStart), end: hhmm(r.quietEnd) },
  frequencyCap: { messages: r.frequencyCap, days: r.frequencyDays },
  maxAttempts: r.maxAttempts,
});

/** The org's stored settings, or the defaults (quiet hours in local minutes since midnight). */
export async function settingsRow(tx: Tx): Promise<Row> {
  const [r] = await tx.select().from(messagingSettings).where(eq(messagingSettings.orgId, tx.orgId!));
  return r ?? DEFAULTS;
}

export async function getSettings(tx: Tx): Promise<SendingSettings> {
  return view(await settingsRow(tx));
}

export type SettingsPatch = Partial<{
  quietHours: { start: string; end: string };
  frequencyCap: { messages: number; days: number };
  maxAttempts: number;
}>;

export async function saveSettings(tx: Tx, patch: SettingsPatch): Promise<SendingSettings> {
  const current = await settingsRow(tx);
  const next: Row = {
    quietStart: patch.quietHours ? minutesOf(patch.quietHours.start) : current.quietStart,
    quietEnd: patch.quietHours ? minutesOf(patch.quietHours.end) : current.quietEnd,
    frequencyCap: patch.frequencyCap?.messages ?? current.frequencyCap,
    frequencyDays: patch.frequencyCap?.days ?? current.frequencyDays,
    maxAttempts: patch.maxAttempts ?? current.maxAttempts,
  };
  await tx
    .insert(messagingSettings)
    .values({ orgId: tx.orgId!, ...next })
    .onConflictDoUpdate({ target: messagingSettings.orgId, set: { ...next, updatedAt: sql`now()` } });
  return view(next);
}
