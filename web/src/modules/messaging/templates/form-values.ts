import type { Channel, Purpose, Template, TemplateInput } from './queries';

/** One language's fields for every channel; the body keeps only the channel's own. */
export interface LangValues {
  text: string;
  subject: string;
  html: string;
  templateName: string;
  language: string;
  parameters: string[];
}

export interface Values {
  name: string;
  purpose: Purpose;
  channel: Channel;
  brandId: string | null;
  english: boolean;
  content: { tr: LangValues; en: LangValues };
}

const emptyLang = (language: string): LangValues => ({ text: '', subject: '', html: '', templateName: '', language, parameters: [] });

function langValues(c: Template['content']['tr'] | null | undefined, language: string): LangValues {
  const v = (c ?? {}) as Partial<LangValues>;
  return { ...emptyLang(language), ...v, html: v.html ?? '', parameters: v.parameters ?? [] };
}

export function initialValues(t: Template | null): Values {
  if (!t)
    return {
      name: '',
      purpose: 'marketing',
      channel: 'sms',
      brandId: null,
      english: false,
      content: { tr: emptyLang('tr'), en: emptyLang('en') },
    };
  return {
    name: t.name,
    purpose: t.purpose,
    channel: t.channel,
    brandId: t.brandId,
    english: Boolean(t.content.en),
    content: { tr: langValues(t.content.tr, 'tr'), en: langValues(t.content.en, 'en') },
  };
}

/** The channel's content of one language, as the API takes it. */
export function contentOf(channel: Channel, v: LangValues) {
  if (channel === 'sms') return { text: v.text };
  if (channel === 'email') return { subject: v.subject, text: v.text, html: v.html.trim() ? v.html : null };
  return { templateName: v.templateName, language: v.language, parameters: v.parameters, text: v.text };
}

export function toBody(v: Values): TemplateInput {
  const content = { tr: contentOf(v.channel, v.content.tr), en: v.english ? contentOf(v.channel, v.content.en) : null };
  return { name: v.name, purpose: v.purpose, channel: v.channel, brandId: v.brandId, content } as TemplateInput;
}
