import { z } from 'zod';
import { customerTimeline } from '../../../platform/events/timeline';
import { pageOf, pageQuery } from '../../../platform/http/pagination';
import { invalidField } from '../../../platform/http/problem';
import { dayOrInstant, idParams } from '../../../platform/http/schemas';
import type { HttpServer } from '../../../platform/http/server';
import { sourceOf } from '../../access/routes/common';
import { detachIdentity, IDENTITY_KINDS, identitiesOf, normalizeIdentity } from '../identities';
import { toCustomer } from '../profile';
import { QUALITY_CHECKS } from '../quality';
import { searchCustomers } from '../search';
import {
  addIdentity,
  addNote,
  auditProfileView,
  createCustomer,
  getCustomerRow,
  listNotes,
  lookupCustomer,
  updateCustomer,
  upsertCustomer,
  viewCustomer,
} from '../service';
import { createInput, customerSchema, isMasked, noteSchema, patchInput, timelineEventSchema } from './schemas';

const tags = ['customers'];

export const listQuery = z
  .object({
    ...pageQuery,
    q: z.string().max(200).optional(),
    storeId: z.uuid().optional(),
    tag: z.string().max(50).optional(),
    city: z.string().max(100).optional(),
    custom: z.string().max(300).optional().describe('`key:value` on a custom field; `key:a|b` matches either option of a multi-select'),
    createdFrom: dayOrInstant.optional().describe('inclusive; a day is read in the org time zone'),
    createdTo: dayOrInstant.optional().describe('exclusive; a day is read in the org time zone'),
    createdById: z.uuid().optional(),
    issue: z.enum(Object.keys(QUALITY_CHECKS) as [string, ...string[]]).optional(),
    status: z.enum(['active', 'merged', 'anonymized']).optional(),
  })
  .strict();

const IDENTITY_MESSAGES = {
  phone: 'validation.invalid_phone',
  email: 'validation.invalid_email',
  card: 'customers.invalid_card',
  external: 'customers.invalid_external',
} as const;

const lookupQuery = z.object({ kind: z.enum(IDENTITY_KINDS), value: z.string().min(1).max(200) }).strict();

export function customerRoutes(app: HttpServer) {
  app.get(
    '/api/v1/customers',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: 'Search customers by phone (any format), name (Turkish-insensitive), e-mail or card, with filters',
        querystring: listQuery,
        response: { 200: pageOf(customerSchema) },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const page = await searchCustomers(tx, req.query);
        const ids = await identitiesOf(
          tx,
          page.items.map((c) => c.id),
        );
        return { ...page, items: page.items.map((c) => toCustomer(c, ids.get(c.id) ?? [], isMasked(req))) };
      }),
  );

  app.post(
    '/api/v1/customers',
    {
      config: { permission: 'customers.write', idempotent: true },
      schema: {
        tags,
        summary: 'Create a customer (409 customer_exists with existingId if an identity is known)',
        body: createInput,
        response: { 201: customerSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const row = await createCustomer(tx, sourceOf(req), req.body, req.auth!.storeIds);
        reply.code(201);
        return viewCustomer(tx, row, isMasked(req));
      }),
  );

  app.post(
    '/api/v1/customers/upsert',
    {
      config: { permission: 'customers.write', idempotent: true },
      schema: {
        tags,
        summary: 'Identity resolution: update the customer matched by phone, e-mail, card or external id, or create one',
        body: createInput,
        response: {
          200: z.object({ customer: customerSchema, created: z.boolean(), matchedBy: z.enum(IDENTITY_KINDS).nullable() }),
          201: z.object({ customer: customerSchema, created: z.boolean(), matchedBy: z.enum(IDENTITY_KINDS).nullable() }),
        },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const result = await upsertCustomer(tx, sourceOf(req), req.body, req.auth!.storeIds);
        reply.code(result.created ? 201 : 200);
        return { ...result, customer: await viewCustomer(tx, result.customer, isMasked(req)) };
      }),
  );

  app.get(
    '/api/v1/customers/lookup',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: 'The customer holding an identity (phone in any format, e-mail, card, external id)',
        querystring: lookupQuery,
        response: { 200: customerSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const value = normalizeIdentity(req.query.kind, req.query.value);
        if (!value) throw invalidField('/value', `invalid_${req.query.kind}`, IDENTITY_MESSAGES[req.query.kind]);
        return viewCustomer(tx, await lookupCustomer(tx, { kind: req.query.kind, value }), isMasked(req));
      }),
  );

  app.get(
    '/api/v1/customers/:id',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: 'One customer (a full view by staff is written to the audit log)',
        params: idParams,
        response: { 200: customerSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const row = await getCustomerRow(tx, req.params.id);
        if (!isMasked(req)) await auditProfileView(tx, sourceOf(req), row.id);
        return viewCustomer(tx, row, isMasked(req));
      }),
  );

  app.patch(
    '/api/v1/customers/:id',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags,
        summary: 'Edit a customer (null clears a field)',
        params: idParams,
        body: patchInput,
        response: { 200: customerSchema },
      },
    },
    (req) => req.tenant(async (tx) => viewCustomer(tx, await updateCustomer(tx, sourceOf(req), req.params.id, req.body), isMasked(req))),
  );

  app.post(
    '/api/v1/customers/:id/identities',
    {
      config: { permission: 'customers.write', idempotent: true },
      schema: {
        tags,
        summary: 'Add a card or external id (or another phone / e-mail)',
        params: idParams,
        body: z.object({ kind: z.enum(IDENTITY_KINDS), value: z.string().min(1).max(200) }).strict(),
        response: { 200: customerSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const { kind, value } = req.body;
        const normalized = normalizeIdentity(kind, value);
        if (!normalized) throw invalidField('/value', `invalid_${kind}`, IDENTITY_MESSAGES[kind]);
        return viewCustomer(tx, await addIdentity(tx, sourceOf(req), req.params.id, { kind, value: normalized }), isMasked(req));
      }),
  );

  app.delete(
    '/api/v1/customers/:id/identities/:kind/:value',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags,
        summary: 'Remove an identity that is not the primary phone or e-mail',
        params: idParams.extend(lookupQuery.shape),
        response: { 200: customerSchema },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        const { kind } = req.params;
        const row = await getCustomerRow(tx, req.params.id);
        const value = normalizeIdentity(kind, req.params.value) ?? req.params.value;
        if ((kind === 'phone' || kind === 'email') && row[kind] === value)
          throw invalidField('/value', 'primary_identity', 'customers.primary_identity');
        await detachIdentity(tx, row.id, { kind, value });
        return viewCustomer(tx, row, isMasked(req));
      }),
  );

  app.get(
    '/api/v1/customers/:id/notes',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: 'Notes on a customer, newest first',
        params: idParams,
        response: { 200: z.object({ items: z.array(noteSchema) }) },
      },
    },
    (req) => req.tenant(async (tx) => ({ items: await listNotes(tx, req.params.id) })),
  );

  app.post(
    '/api/v1/customers/:id/notes',
    {
      config: { permission: 'customers.write', idempotent: true },
      schema: {
        tags,
        summary: 'Add a note',
        params: idParams,
        body: z.object({ body: z.string().trim().min(1).max(5000) }).strict(),
        response: { 201: noteSchema },
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        reply.code(201);
        return addNote(tx, sourceOf(req), req.params.id, req.body.body);
      }),
  );

  app.get(
    '/api/v1/customers/:id/timeline',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: "The customer's events, newest first",
        params: idParams,
        querystring: z
          .object({ ...pageQuery, type: z.union([z.string().max(100), z.array(z.string().max(100)).max(20)]).optional() })
          .strict(),
        response: { 200: pageOf(timelineEventSchema) },
      },
    },
    (req) =>
      req.tenant(async (tx) => {
        await getCustomerRow(tx, req.params.id);
        const { type, ...page } = req.query;
        return customerTimeline(tx, req.params.id, { ...page, types: type === undefined ? undefined : [type].flat() });
      }),
  );
}
