import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';

/**
 * The scheduled approval: every pending line whose hold is over (event end +
 * the plan's hold days, frozen on the line) becomes approved. Per promoter,
 * a Query of its pending lines up to now; each move is conditioned on the
 * line still being pending, so two runs never approve twice.
 */
export async function approveDueLines(now = nowIso()): Promise<{ approved: number }> {
  let approved = 0;
  let cursor: string | null = null;
  do {
    const page: { data: { promoterId: string }[]; cursor: string | null } = await db().entities.promoter.query.all({}).go({ cursor, limit: 100 });
    for (const { promoterId } of page.data) approved += await approvePromoter(promoterId, now);
    cursor = page.cursor;
  } while (cursor);
  return { approved };
}

async function approvePromoter(promoterId: string, now: string): Promise<number> {
  const { data } = await db().entities.commissionLine.query.byStatus({ promoterId, status: 'pending' }).lte({ approveAfter: now }).go({ pages: 'all' });
  let approved = 0;
  for (const line of data) {
    try {
      await db()
        .entities.commissionLine.patch({ lineId: line.lineId })
        .set({ status: 'approved', approvedAt: now })
        .composite({ promoterId: line.promoterId, approveAfter: line.approveAfter })
        .where((a, op) => op.eq(a.status, 'pending'))
        .go();
      approved++;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  return approved;
}

/** An organiser approves a promoter's pending lines before their hold ends (all of them, or the ones named). */
export async function approveLinesNow(promoterId: string, lineIds?: string[]): Promise<{ approved: number }> {
  const now = nowIso();
  const { data } = await db().entities.commissionLine.query.byStatus({ promoterId, status: 'pending' }).go({ pages: 'all' });
  const wanted = lineIds ? new Set(lineIds) : null;
  let approved = 0;
  for (const line of data.filter((l) => !wanted || wanted.has(l.lineId))) {
    try {
      await db()
        .entities.commissionLine.patch({ lineId: line.lineId })
        .set({ status: 'approved', approvedAt: now })
        .composite({ promoterId: line.promoterId, approveAfter: line.approveAfter })
        .where((a, op) => op.eq(a.status, 'pending'))
        .go();
      approved++;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  return { approved };
}
