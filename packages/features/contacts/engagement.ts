/** Points a contact's engagementScore gains per fact. */
export const ENGAGEMENT_POINTS = {
  attendedEvent: 10,
  emailOpened: 1,
  emailClicked: 5,
} as const;

export interface ScoredContact {
  engagementScore?: number;
  state?: 'active' | 'trashed';
}

/**
 * The `set` values that raise a contact's score by `points`. Always `set` the
 * sum (with `state`, the index's other composite), never ADD: the score is a
 * composite of the `byScore` index and ElectroDB would key it by the delta.
 * Pair it with `scoreUnchanged` so a concurrent raise cancels and the caller
 * re-reads and retries:
 *
 *   contact.patch({ contactId }).set({ ...raisedScore(c, 5) }).where(scoreUnchanged(c)).commit()
 */
export function raisedScore(contact: ScoredContact, points: number) {
  return { engagementScore: (contact.engagementScore ?? 0) + points, state: contact.state ?? ('active' as const) };
}

interface Ops {
  eq: (attr: never, value: never) => string;
  notExists: (attr: never) => string;
}

/**
 * The condition that the score (and the state, when it was read) is still the
 * one `raisedScore` was computed from. `raisedScore` writes `state` back, so
 * without the state check a contact trashed between the read and the write
 * would be silently un-trashed (back in the list and score index, without its
 * tag items); with it the write cancels and the caller re-reads.
 */
export function scoreUnchanged(contact: ScoredContact) {
  return (attr: { engagementScore: unknown; state: unknown }, op: Ops): string => {
    const score =
      contact.engagementScore === undefined
        ? op.notExists(attr.engagementScore as never)
        : op.eq(attr.engagementScore as never, contact.engagementScore as never);
    return contact.state === undefined ? score : `${score} AND ${op.eq(attr.state as never, contact.state as never)}`;
  };
}
