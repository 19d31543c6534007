import { logger } from '#packages/core/logger.ts';
import { commitChanges, type Change } from './recipient-writes.ts';

/** Outcomes recorded per transaction: a few recipients' status changes and their counts in one write. */
export const OUTCOME_BATCH = 10;

/**
 * SES's answers, written in small batches (one transaction of up to
 * OUTCOME_BATCH recipient changes and one counter slice) instead of one
 * transaction each: half the write units, a tenth of the calls. A crash
 * loses at most the unwritten batch — those recipients were mailed and stay
 * `sending`, to be settled as `unknown` after their lease: never mailed twice.
 */
export class Outcomes {
  private buffer: Change[] = [];

  constructor(private readonly campaignId: string) {}

  async add(change: Change): Promise<void> {
    this.buffer.push(change);
    if (this.buffer.length >= OUTCOME_BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    if (!batch.length) return;
    const { refused } = await commitChanges(this.campaignId, batch);
    // Only possible if a lease ran out meanwhile and the recipient was settled as unknown: it stays so.
    if (refused.length) logger.warn('recipient outcomes not recorded: claim no longer held', { campaignId: this.campaignId, contactIds: refused });
  }
}
