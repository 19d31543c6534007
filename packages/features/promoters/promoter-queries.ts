import type { CommissionLineView, PromoterFiguresView, PromoterOrderView } from './contract.ts';
import type { Principal } from '#packages/auth/principal.ts';
import { db } from '#packages/core/db/service.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { assertCanSee } from './access.ts';

export async function listAttributedOrders(promoterId: string, eventId: string | undefined, page: PageRequest, principal: Principal): Promise<Page<PromoterOrderView>> {
  await assertCanSee(principal, promoterId);
  const { data, cursor } = await db()
    .entities.promoterOrder.query.byPromoter({ promoterId, ...(eventId ? { eventId } : {}) })
    .go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(({ terms: _terms, leaderId: _leader, ...o }) => o), nextCursor: cursor };
}

export async function listLedger(promoterId: string, page: PageRequest, principal: Principal): Promise<Page<CommissionLineView>> {
  await assertCanSee(principal, promoterId);
  const { data, cursor } = await db().entities.commissionLine.query.byPromoter({ promoterId }).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data, nextCursor: cursor };
}

/** One promoter's own figures for one event: its orders, its commission, its guests — never the event's totals. */
export async function promoterFigures(promoterId: string, eventId: string, principal: Principal): Promise<PromoterFiguresView> {
  await assertCanSee(principal, promoterId);
  const [orders, lines, guests] = await Promise.all([
    db().entities.promoterOrder.query.byPromoter({ promoterId, eventId }).go({ pages: 'all' }),
    db().entities.commissionLine.query.byPromoter({ promoterId }).where((a, op) => op.eq(a.eventId, eventId)).go({ pages: 'all' }),
    db().entities.guest.query.byPromoter({ promoterId, eventId }).go({ pages: 'all' }),
  ]);
  const sales: Record<string, number> = {};
  let admissions = 0;
  for (const o of orders.data) {
    sales[o.total.currency] = (sales[o.total.currency] ?? 0) + o.total.amount;
    admissions += o.admissions;
  }
  const commission: PromoterFiguresView['commission'] = {};
  for (const l of lines.data) {
    const sums = (commission[l.currency] ??= { pending: 0, approved: 0, paid: 0 });
    sums[l.status] += l.amount;
  }
  return {
    promoterId,
    eventId,
    orders: orders.data.length,
    admissions,
    sales,
    commission,
    guests: { added: guests.data.length, checkedIn: guests.data.filter((g) => g.checkedInAt).length },
  };
}
