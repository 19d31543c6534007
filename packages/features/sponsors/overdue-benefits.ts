import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { createTask } from '#packages/features/activities/index.ts';
import type { BenefitItem } from './sponsorship-view.ts';

/** How long a run holds a benefit while it creates its task; a crashed run's claim runs out and the next run tries again. */
const CLAIM_MS = 5 * 60_000;

/**
 * The overdue-benefit job: every benefit still pending past its due date gets
 * ONE follow-up task for its owner. Reads only the sparse `pendingByDue`
 * index up to now. A benefit is claimed by a write conditioned on having no
 * task and no live claim, so runs racing each other create one task; the
 * task's id is then written on the benefit. A crash after the task and
 * before that write would give a second task after the claim runs out (rare;
 * the task says which benefit it is for).
 */
export async function createOverdueBenefitTasks(now = nowIso()): Promise<{ tasks: number }> {
  let tasks = 0;
  let cursor: string | null = null;
  do {
    const page: { data: BenefitItem[]; cursor: string | null } = await db()
      .entities.sponsorBenefit.query.pendingByDue({ status: 'pending' })
      .lt({ dueAt: now })
      .go({ cursor, limit: 100 });
    for (const benefit of page.data) {
      if (benefit.taskId) continue;
      if (await taskFor(benefit, now)) tasks++;
    }
    cursor = page.cursor;
  } while (cursor);
  return { tasks };
}

async function taskFor(benefit: BenefitItem, now: string): Promise<boolean> {
  const { sponsorshipId, benefitId } = benefit;
  try {
    await db()
      .entities.sponsorBenefit.patch({ sponsorshipId, benefitId })
      .set({ taskClaimUntil: new Date(Date.parse(now) + CLAIM_MS).toISOString() })
      .where((a, op) => `${op.notExists(a.taskId)} AND ${op.eq(a.status, 'pending')} AND (${op.notExists(a.taskClaimUntil)} OR ${op.lt(a.taskClaimUntil, now)})`)
      .go({ response: 'none' });
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
  const { data: sponsorship } = await db().entities.sponsorship.get({ sponsorshipId }).go();
  const task = await createTask(
    {
      title: `Overdue sponsor benefit: ${benefit.description}`,
      description: `Benefit ${benefitId} (${benefit.kind} × ${benefit.quantity}) of sponsorship ${sponsorshipId} was due ${benefit.dueAt} and is not delivered.`,
      assignedTo: benefit.ownerId,
      dueAt: now,
      priority: 'high',
      ...(sponsorship ? { opportunityId: sponsorship.opportunityId } : {}),
    },
    { actorId: 'system:sponsor-benefits-due', correlationId: `sponsor-benefits-due-${newId()}` },
  );
  await db().entities.sponsorBenefit.patch({ sponsorshipId, benefitId }).set({ taskId: task.id }).go({ response: 'none' });
  return true;
}
