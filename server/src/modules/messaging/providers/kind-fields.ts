import { z } from 'zod';
import { DEFINITIONS } from './kinds';

export interface KindField {
  name: string;
  type: 'string' | 'integer' | 'boolean';
  required: boolean;
  secret: boolean;
  /** Technical settings with a good default (API URL, time-out): the form folds them away. */
  advanced: boolean;
  options: string[] | null;
  default: string | number | boolean | null;
  description: string | null;
  maxLength: number | null;
  minimum: number | null;
  maximum: number | null;
}

interface JsonProp {
  type?: string;
  enum?: string[];
  default?: string | number | boolean;
  description?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  advanced?: boolean;
}

/** The form of a kind, read from its zod schemas so the UI and the validation never disagree. */
function fields(schema: z.ZodType, secret: boolean): KindField[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonProp>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({
    name,
    type: p.type === 'integer' || p.type === 'number' ? 'integer' : p.type === 'boolean' ? 'boolean' : 'string',
    required: (json.required ?? []).includes(name) && p.default === undefined,
    secret,
    advanced: p.advanced === true,
    options: p.enum ?? null,
    default: p.default ?? null,
    description: p.description ?? null,
    maxLength: p.maxLength ?? null,
    minimum: p.minimum ?? null,
    maximum: p.maximum ?? null,
  }));
}

export const providerKinds = () =>
  DEFINITIONS.map((d) => ({
    kind: d.kind,
    channels: [...d.channels],
    defaultRatePerSecond: d.defaultRatePerSecond,
    webhooks: d.parseWebhook !== undefined,
    fields: [...fields(d.config, false), ...fields(d.secrets, true)],
  }));
