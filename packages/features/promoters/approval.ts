import { nowIso } from '#packages/core/clock.ts';
import { writtenIfCondition } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';

type PendingLine = { lineId: string; promoterId: string; approveAfter: string };

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
    for (const { promoterId } of page.data) {
      const { data } = await db().entities.commissionLine.query.byStatus({ promoterId, status: 'pending' }).lte({ approveAfter: now }).go({ pages: 'all' });
      approved += await approve(data, now);
    }
    cursor = page.cursor;
  } while (cursor);
  return { approved };
}

/** An organiser approves a promoter's pending lines before their hold ends (all of them, or the ones named). */
export async function approveLinesNow(promoterId: string, lineIds?: string[]): Promise<{ approved: number }> {
  const { data } = await db().entities.commissionLine.query.byStatus({ promoterId, status: 'pending' }).go({ pages: 'all' });
  const wanted = lineIds ? new Set(lineIds) : null;
  return { approved: await approve(data.filter((l) => !wanted || wanted.has(l.lineId)), nowIso()) };
}

/** Moves each line to approved only if it is still pending (a concurrent run or payout got there first otherwise). */
async function approve(lines: readonly PendingLine[], now: string): Promise<number> {
  let approved = 0;
  for (const line of lines) {
    const moved = await writtenIfCondition(() =>
      db()
        .entities.commissionLine.patch({ lineId: line.lineId })
        .set({ status: 'approved', approvedAt: now })
        .composite({ promoterId: line.promoterId, approveAfter: line.approveAfter })
        .where((a, op) => op.eq(a.status, 'pending'))
        .go(),
    );
    if (moved) approved++;
  }
  return approved;
}
