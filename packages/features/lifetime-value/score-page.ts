import { batchGetAll } from '#packages/core/db/batch-get.ts';
import { writtenIfCondition } from '#packages/core/db/conditions.ts';
import { isWriteTimeout } from '#packages/core/dependencies/write-timeouts.ts';
import { db } from '#packages/core/db/service.ts';
import { pool } from '#packages/core/worker-pool.ts';
import type { Buyer } from './histories.ts';
import type { Figures, Scorer } from './scoring.ts';

/**
 * Writes in flight at once: DynamoDB takes many more, but locally one Java
 * process on a shared 2-core box answers them, and past a handful they only queue.
 */
const WRITERS = 8;

export interface Change {
  contactId: string;
  figures: Figures;
}

/** Same figures but for the fit's time: no write, no event (segments and workflows have nothing new to see). */
function sameFigures(stored: unknown, next: Figures): boolean {
  if (!stored || typeof stored !== 'object') return false;
  const { fittedAt: _a, ...a } = stored as Figures;
  const { fittedAt: _b, ...b } = next;
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort()) && JSON.stringify(a.predictedValue) === JSON.stringify(b.predictedValue);
}

/**
 * Scores a page of buyers against their contacts' stored figures: two
 * BatchGetItems (the email guards, then the contacts' figures), no write.
 * `scored`: the buyers with a contact; `changes`: those whose figures changed.
 */
export async function planPage(scorer: Scorer, buyers: readonly Buyer[]): Promise<{ scored: number; changes: Change[] }> {
  const guards = await batchGetAll(buyers.map((b) => ({ email: b.email })), (batch) => db().entities.contactEmail.get(batch).go());
  const contactOf = new Map(guards.map((g) => [g.email, g.contactId]));
  const contacts = await batchGetAll([...contactOf.values()].map((contactId) => ({ contactId })), (batch) =>
    db().entities.contact.get(batch).go({ attributes: ['contactId', 'lifetimeValue'] }),
  );
  const storedOf = new Map(contacts.map((c) => [c.contactId, c.lifetimeValue]));
  let scored = 0;
  const changes: Change[] = [];
  for (const buyer of buyers) {
    const contactId = contactOf.get(buyer.email);
    if (!contactId || !storedOf.has(contactId)) continue;
    scored += 1;
    const figures = scorer.score(buyer);
    if (!sameFigures(storedOf.get(contactId), figures)) changes.push({ contactId, figures });
  }
  return { scored, changes };
}

const ATTEMPTS = 3;

/**
 * One contact's figures. Setting the same figures twice writes the same item,
 * so a write that timed out (the kit does not repeat those: it may have
 * landed) is sent again here.
 */
async function patchFigures(contactId: string, figures: Figures): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writtenIfCondition(() => db().entities.contact.patch({ contactId }).set({ lifetimeValue: figures }).go({ response: 'none' }));
    } catch (error) {
      if (!isWriteTimeout(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/**
 * Writes each change on its contact: one UpdateItem each (`lifetimeValue` and
 * `updatedAt` only; no transaction — the page's events are recorded in the
 * run's state instead, page-events.ts), at most WRITERS at a time. Answers the
 * contacts written; a contact gone since the page was read (erased, deleted)
 * fails the patch's existence condition and is left out.
 */
export async function writeChanges(changes: readonly Change[]): Promise<Set<string>> {
  const written = new Set<string>();
  await pool(changes, WRITERS, () => false, async ({ contactId, figures }) => {
    if (await patchFigures(contactId, figures)) written.add(contactId);
  });
  return written;
}
