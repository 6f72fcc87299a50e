import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isoDate } from '../../../platform/http/schemas';
import { CUSTOM_FIELD_TYPES } from '../custom-fields';
import { IDENTITY_KINDS } from '../identities';
import { CREATED_VIA, GENDERS } from '../profile';

/** Callers without `pii.read` get masked contact details. */
export const isMasked = (req: FastifyRequest) => !req.auth!.permissions.has('pii.read');

const short = (max: number) => z.string().max(max);
const nullableText = (max: number) => short(max).nullable().optional();
const list = z.array(short(50)).max(50);

export const identitySchema = z.object({ kind: z.enum(IDENTITY_KINDS), value: z.string() }).meta({ id: 'CustomerIdentity' });

const customValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.array(z.string().max(200)).max(100)]);

export const profileInput = {
  firstName: nullableText(100),
  lastName: nullableText(100),
  phone: nullableText(40),
  email: nullableText(254),
  birthday: nullableText(10),
  gender: z.enum(GENDERS).nullable().optional(),
  city: nullableText(100),
  district: nullableText(100),
  preferredStoreId: z.uuid().nullable().optional(),
  sizes: z
    .object({ top: nullableText(20), bottom: nullableText(20), shoe: nullableText(20) })
    .strict()
    .optional(),
  colours: list.optional(),
  styles: list.optional(),
  tags: list.optional(),
  custom: z.record(z.string().max(60), customValue.nullable()).optional(),
};

const identityLists = {
  cards: z.array(short(60)).max(10).optional(),
  externalIds: z.array(short(140)).max(20).optional(),
};

export const createInput = z
  .object({ ...profileInput, ...identityLists, createdVia: z.enum(CREATED_VIA).optional(), storeId: z.uuid().nullable().optional() })
  .strict()
  .meta({ id: 'NewCustomer' });

export const patchInput = z
  .object({ ...profileInput })
  .strict()
  .meta({ id: 'CustomerChanges' });

export const customerSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['active', 'merged', 'anonymized']),
    mergedInto: z.uuid().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    birthday: z.string().nullable(),
    gender: z.enum(GENDERS).nullable(),
    city: z.string().nullable(),
    district: z.string().nullable(),
    preferredStoreId: z.uuid().nullable(),
    sizes: z.object({ top: z.string().nullable(), bottom: z.string().nullable(), shoe: z.string().nullable() }),
    colours: z.array(z.string()),
    styles: z.array(z.string()),
    tags: z.array(z.string()),
    custom: z.record(z.string(), customValue),
    identities: z.array(identitySchema),
    createdVia: z.enum(CREATED_VIA),
    createdStoreId: z.uuid().nullable(),
    createdBy: z.object({ type: z.string(), id: z.uuid(), name: z.string() }).nullable(),
    consentRecorded: z.boolean(),
    quality: z.object({ score: z.number().int(), issues: z.array(z.string()) }),
    masked: z.boolean().describe('true when contact details are masked for this caller'),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'Customer' });

export const customFieldSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(z.string()),
    position: z.number().int(),
  })
  .meta({ id: 'CustomField' });

export const noteSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    body: z.string(),
    authorName: z.string().nullable(),
    createdAt: isoDate,
  })
  .meta({ id: 'CustomerNote' });

export const timelineEventSchema = z
  .object({
    id: z.uuid(),
    type: z.string(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    actorType: z.string().nullable(),
    actorId: z.uuid().nullable(),
    payload: z.record(z.string(), z.unknown()),
    occurredAt: isoDate,
  })
  .meta({ id: 'TimelineEvent' });
