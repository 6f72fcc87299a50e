import { keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import { unwrap } from '../../app/api/problem';
import type { RequestBody, Schema } from '../../app/api/types';

export type Program = Schema<'LoyaltyProgram'>;
export type PointsProgram = Schema<'LoyaltyPointsProgram'>;
export type TierList = Schema<'LoyaltyTierList'>;
export type NewProgram = RequestBody<'/api/v1/loyalty/programs', 'post'>;
export type Promotion = Schema<'LoyaltyPromotion'>;
export type PromotionKind = Promotion['kind'];
export type PromotionRecord = Schema<'LoyaltyPromotionRecord'>;
export type StampCard = Schema<'LoyaltyStampCard'>;
export type StampCardRecord = Schema<'LoyaltyStampCardRecord'>;
export type ReceiptRule = Schema<'LoyaltyReceiptCouponRule'>;
export type ReceiptRuleRecord = Schema<'LoyaltyReceiptCouponRuleRecord'>;
export type Campaign = Schema<'LoyaltyCouponCampaign'>;
export type CampaignDetail = Schema<'LoyaltyCouponCampaignDetail'>;
export type CampaignTerms = Schema<'LoyaltyCouponTerms'>;
export type NewCampaign = RequestBody<'/api/v1/loyalty/coupon-campaigns', 'post'>;
export type CouponCode = Schema<'LoyaltyCouponCode'>;
export type TestBasket = Schema<'LoyaltyPromotionTest'>;
export type TestResult = Schema<'LoyaltyPromotionTestResult'>;
export type CustomerLoyalty = Schema<'CustomerLoyalty'>;
export type LedgerEntry = Schema<'LoyaltyLedgerEntry'>;
export type Identification = Schema<'PosIdentification'>;
export type Evaluation = Schema<'PosEvaluation'>;
export type PosBasket = Schema<'PosBasket'>;
export type PosReceipt = Schema<'PosReceipt'>;
export type CommittedReceipt = Schema<'PosCommittedReceipt'>;
export type JobRun = Schema<'JobRun'>;
/** The engine's line selector (which lines a rule is about). */
export type LineSelector = Extract<Promotion, { kind: 'percent_off' }>['target'];
export type Conditions = NonNullable<Promotion['conditions']>;
export type CouponTemplate = StampCard['reward'];

/** Every query of the module starts with this, so one invalidation refreshes the whole area. */
export const keys = {
  all: ['loyalty'] as const,
  programs: ['loyalty', 'programs'] as const,
  promotions: ['loyalty', 'promotions'] as const,
  promotion: (id: string) => ['loyalty', 'promotions', id] as const,
  stampCards: ['loyalty', 'stamp-cards'] as const,
  rules: ['loyalty', 'receipt-rules'] as const,
  campaigns: ['loyalty', 'campaigns'] as const,
  campaign: (id: string) => ['loyalty', 'campaigns', id] as const,
  customer: (id: string) => ['loyalty', 'customer', id] as const,
};

const PAGE_SIZE = 25;
const pages = { initialPageParam: undefined as string | undefined, placeholderData: keepPreviousData };
const nextCursor = (last: { nextCursor: string | null }) => last.nextCursor ?? undefined;

export const programsQuery = queryOptions({
  queryKey: keys.programs,
  queryFn: async () => (await unwrap(api.GET('/api/v1/loyalty/programs'))).items,
});

export const promotionsQuery = queryOptions({
  queryKey: keys.promotions,
  queryFn: async () => (await unwrap(api.GET('/api/v1/loyalty/promotions'))).items,
});

export const promotionQuery = (id: string) =>
  queryOptions({
    queryKey: keys.promotion(id),
    queryFn: () => unwrap(api.GET('/api/v1/loyalty/promotions/{id}', { params: { path: { id } } })),
  });

export const stampCardsQuery = queryOptions({
  queryKey: keys.stampCards,
  queryFn: async () => (await unwrap(api.GET('/api/v1/loyalty/stamp-cards'))).items,
});

export const rulesQuery = queryOptions({
  queryKey: keys.rules,
  queryFn: async () => (await unwrap(api.GET('/api/v1/loyalty/receipt-coupon-rules'))).items,
});

export function useCampaignPages(active: boolean | undefined) {
  return useInfiniteQuery({
    ...pages,
    queryKey: [...keys.campaigns, 'list', active ?? null],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/loyalty/coupon-campaigns', {
          params: {
            query: { limit: PAGE_SIZE, cursor: pageParam, active: active === undefined ? undefined : active ? 'true' : 'false' },
          },
        }),
      ),
    getNextPageParam: nextCursor,
  });
}

export const campaignQuery = (id: string) =>
  queryOptions({
    queryKey: keys.campaign(id),
    queryFn: () => unwrap(api.GET('/api/v1/loyalty/coupon-campaigns/{id}', { params: { path: { id } } })),
  });

export function useCodePages(campaignId: string) {
  return useInfiniteQuery({
    ...pages,
    queryKey: [...keys.campaign(campaignId), 'codes'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/loyalty/coupon-campaigns/{id}/codes', {
          params: { path: { id: campaignId }, query: { limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: nextCursor,
  });
}

/** A background job (code generation), polled until it ends. */
export const jobQuery = (id: string) =>
  queryOptions({
    queryKey: ['loyalty', 'job', id],
    queryFn: () => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 500),
  });

export const customerLoyaltyQuery = (id: string) =>
  queryOptions({
    queryKey: keys.customer(id),
    queryFn: () => unwrap(api.GET('/api/v1/loyalty/customers/{id}', { params: { path: { id } } })),
  });

export function useLedgerPages(customerId: string, enabled = true) {
  return useInfiniteQuery({
    ...pages,
    enabled,
    queryKey: [...keys.customer(customerId), 'ledger'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/loyalty/customers/{id}/ledger', {
          params: { path: { id: customerId }, query: { limit: 10, cursor: pageParam } },
        }),
      ),
    getNextPageParam: nextCursor,
  });
}

/**
 * A key for one write a person may repeat (double tap, retry after a network error). Built from
 * getRandomValues: randomUUID exists only in secure contexts, and a till may open Muhtar over
 * plain http on the shop's network.
 */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const KINDS: PromotionKind[] = ['percent_off', 'buy_get', 'n_for_m', 'basket_threshold', 'bundle_price'];
export const CHANNELS = ['store', 'web'];
