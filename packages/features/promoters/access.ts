import type { Principal } from '#packages/auth/principal.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import type { PromoterItem } from './promoter-item.ts';

/**
 * Whose promoter data a caller may read. Organisers (`promoters:read`) see
 * every promoter; a promoter sees itself and, as a team leader, its team;
 * anyone else nothing. Another promoter's data is answered 404, never 403,
 * so ids cannot be probed.
 */
export type Scope = { all: true } | { all: false; self: PromoterItem | null; promoterIds: ReadonlySet<string> };

export async function promoterOfUser(userId: string): Promise<PromoterItem | null> {
  const { data } = await db().entities.promoter.query.byUser({ userId }).go({ limit: 1 });
  return data[0] ?? null;
}

export async function teamOf(leaderId: string): Promise<PromoterItem[]> {
  const { data } = await db().entities.promoter.query.byLeader({ leaderId }).go({ pages: 'all' });
  return data;
}

export async function scopeOf(principal: Principal): Promise<Scope> {
  if (principal.permissions.has('promoters:read')) return { all: true };
  const self = await promoterOfUser(principal.userId);
  if (!self || self.status !== 'active') return { all: false, self: null, promoterIds: new Set() };
  const team = await teamOf(self.promoterId);
  return { all: false, self, promoterIds: new Set([self.promoterId, ...team.map((p) => p.promoterId)]) };
}

export const canSee = (scope: Scope, promoterId: string): boolean => scope.all || scope.promoterIds.has(promoterId);

/** Throws 404 unless the caller may read this promoter's data. */
export async function assertCanSee(principal: Principal, promoterId: string): Promise<Scope> {
  const scope = await scopeOf(principal);
  if (!canSee(scope, promoterId)) throw notFound('Promoter', promoterId);
  return scope;
}

/** Acting as a promoter (links, guests): organisers for anyone, a promoter only for itself. */
export async function assertCanActFor(principal: Principal, promoterId: string): Promise<void> {
  if (principal.permissions.has('promoters:write')) return;
  const self = await promoterOfUser(principal.userId);
  if (!self || self.status !== 'active' || self.promoterId !== promoterId) throw notFound('Promoter', promoterId);
}
