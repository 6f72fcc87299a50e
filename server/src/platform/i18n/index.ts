import { en } from './en';
import { tr } from './tr';

export type Locale = 'tr' | 'en';
export const LOCALES: readonly Locale[] = ['tr', 'en'];
export type MessageKey = keyof typeof tr;

const catalogs: Record<Locale, Record<MessageKey, string>> = { tr, en };

export function isLocale(v: unknown): v is Locale {
  return v === 'tr' || v === 'en';
}

/** Translates a message key, filling `{name}` placeholders. Unknown keys fall back to the key. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}) {
  const text = catalogs[locale][key] ?? catalogs.tr[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Picks tr or en from an Accept-Language header by quality; Turkish when nothing matches. */
export function localeFromHeader(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.split('=')[1]) : 1 };
    })
    .filter((x) => isLocale(x.lang) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.lang as Locale | undefined;
}
