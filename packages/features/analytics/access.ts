import type { Principal } from '#packages/auth/principal.ts';
import { notFound } from '#packages/core/errors.ts';
import { promoterOfUser } from '#packages/features/promoters/index.ts';
import type { MetricQuery } from './query-metric.ts';

/**
 * Who sees which figures: callers with `stats:read` (organisers, marketing)
 * everything; anyone else with `analytics:read` (a promoter) only the series
 * filtered on its own promoter, whatever it asked; a caller that is no
 * active promoter, nothing (404, as the promoters' own routes answer).
 */
export async function scopedQuery(principal: Principal, q: MetricQuery): Promise<MetricQuery> {
  if (principal.permissions.has('stats:read')) return q;
  const self = await promoterOfUser(principal.userId);
  if (!self || self.status !== 'active') throw notFound('Promoter', principal.userId);
  if (q.filters?.promoter !== undefined && q.filters.promoter !== self.promoterId) throw notFound('Promoter', q.filters.promoter);
  return { ...q, filters: { promoter: self.promoterId } };
}
