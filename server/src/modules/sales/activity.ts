import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { emitEvent } from '../../platform/events/bus';
import { invalidField, Problem } from '../../platform/http/problem';
import { resolveProducts } from '../catalog/service';
import { type Identity, normalizeEmail, normalizeExternal, normalizeIdentity } from '../customers/identities';
import { lookupCustomer } from '../customers/service';
import { liveCustomer } from './lines';
import { wishlistItems } from './schema';

/** Carts and browsing are events only; the wishlist is also kept as current state (clienteling). */
export const ACTIVITY_TYPES = ['cart_updated', 'checkout_started', 'product_viewed', 'wishlist_added', 'wishlist_removed'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_EVENTS: Record<ActivityType, string> = {
  cart_updated: 'cart.updated',
  checkout_started: 'checkout.started',
  product_viewed: 'product.viewed',
  wishlist_added: 'wishlist.added',
  wishlist_removed: 'wishlist.removed',
};

export interface ActivityInput {
  type: ActivityType;
  /** Who: a customer id, or an identity the customers module resolves (phone, e-mail, external id). */
  customerId?: string | null;
  phone?: string | null;
  email?: string | null;
  /** `system:id`, or a plain id of the `channel`'s system (`web` + `123` → `web:123`). */
  externalId?: string | null;
  skus?: string[];
  /** The cart's value in minor units. */
  cartValue?: number | null;
  currency?: string;
  channel?: string;
  /** The web shop's session or cart id, so journeys can tell carts apart. */
  sessionId?: string | null;
  at?: Date;
}

const NEEDS_SKU: ReadonlySet<ActivityType> = new Set(['product_viewed', 'wishlist_added', 'wishlist_removed']);
const NEEDS_CUSTOMER: ReadonlySet<ActivityType> = new Set(['wishlist_added', 'wishlist_removed']);

/** The identities sent, normalised; 400 for one that cannot be an identity. */
function identitiesOf(input: ActivityInput): Identity[] {
  const out: Identity[] = [];
  if (input.phone) {
    const v = normalizeIdentity('phone', input.phone);
    if (!v) throw invalidField('/phone', 'invalid_phone', 'validation.invalid_phone');
    out.push({ kind: 'phone', value: v });
  }
  if (input.email) {
    const v = normalizeEmail(input.email);
    if (!v) throw invalidField('/email', 'invalid_email', 'validation.invalid_email');
    out.push({ kind: 'email', value: v });
  }
  if (input.externalId) {
    const raw = input.externalId.includes(':') ? input.externalId : `${input.channel ?? 'web'}:${input.externalId}`;
    const v = normalizeExternal(raw);
    if (!v) throw invalidField('/externalId', 'invalid_external', 'customers.invalid_external');
    out.push({ kind: 'external', value: v });
  }
  return out;
}

/** The customer behind the activity, or null for an anonymous visitor. */
async function whoIs(tx: Tx, input: ActivityInput): Promise<string | null> {
  if (input.customerId) return liveCustomer(tx, input.customerId);
  for (const identity of identitiesOf(input)) {
    try {
      return (await lookupCustomer(tx, identity)).id;
    } catch (err) {
      if (!(err instanceof Problem) || err.status !== 404) throw err;
    }
  }
  return null;
}

/**
 * Records a web-shop or app activity as an event with the customer's id, so the timeline shows it
 * and journeys (abandoned cart, back in stock) can start from it. Wishlist events also change
 * the wishlist. Unknown visitors are recorded anonymously; a wishlist needs a customer (422).
 */
export async function recordActivity(tx: Tx, input: ActivityInput, actor?: { type: string; id: string }) {
  const skus = [...new Set((input.skus ?? []).map((s) => s.trim()).filter(Boolean))];
  if (NEEDS_SKU.has(input.type) && skus.length === 0) throw invalidField('/skus', 'no_skus', 'sales.no_skus');
  const customerId = await whoIs(tx, input);
  if (NEEDS_CUSTOMER.has(input.type) && !customerId) throw new Problem(422, 'customer_required', 'sales.customer_required');
  const products = skus.length > 0 ? await resolveProducts(tx, skus) : new Map();
  const at = input.at ?? new Date();
  const channel = input.channel ?? 'web';

  if (customerId && input.type === 'wishlist_added') {
    await tx
      .insert(wishlistItems)
      .values(
        skus.map((sku) => ({
          orgId: tx.orgId!,
          customerId,
          sku,
          productId: products.get(sku)?.id ?? null,
          productName: products.get(sku)?.name ?? null,
          channel,
          addedAt: at,
        })),
      )
      .onConflictDoNothing();
  }
  if (customerId && input.type === 'wishlist_removed') {
    await tx
      .delete(wishlistItems)
      .where(and(eq(wishlistItems.orgId, tx.orgId!), eq(wishlistItems.customerId, customerId), inArray(wishlistItems.sku, skus)));
  }
  const eventId = await emitEvent(tx, {
    type: ACTIVITY_EVENTS[input.type],
    subjectType: skus.length === 1 ? 'product' : undefined,
    subjectId: skus.length === 1 ? (products.get(skus[0])?.id ?? undefined) : undefined,
    customerId: customerId ?? undefined,
    actor,
    occurredAt: at,
    payload: {
      channel,
      skus,
      productIds: skus.map((s) => products.get(s)?.id ?? null),
      ...(input.cartValue !== undefined && input.cartValue !== null
        ? { cartValue: input.cartValue, currency: input.currency ?? 'TRY' }
        : {}),
      ...(input.sessionId ? { sessionId: input.sessionId } : {}),
    },
  });
  return { customerId, eventId };
}

export interface WishlistItem {
  sku: string;
  productId: string | null;
  productName: string | null;
  channel: string | null;
  addedAt: Date;
}

export async function wishlistOf(tx: Tx, customerId: string): Promise<WishlistItem[]> {
  return tx
    .select({
      sku: wishlistItems.sku,
      productId: wishlistItems.productId,
      productName: wishlistItems.productName,
      channel: wishlistItems.channel,
      addedAt: wishlistItems.addedAt,
    })
    .from(wishlistItems)
    .where(and(eq(wishlistItems.orgId, tx.orgId!), eq(wishlistItems.customerId, customerId)))
    .orderBy(desc(wishlistItems.addedAt))
    .limit(200);
}
