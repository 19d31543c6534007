export interface Slot {
  sessionId: string;
  startsAt: string;
  endsAt: string;
}

/** Half-open intervals: a session ending at 11:00 does not overlap one starting at 11:00. */
export const overlaps = (a: Pick<Slot, 'startsAt' | 'endsAt'>, b: Pick<Slot, 'startsAt' | 'endsAt'>): boolean =>
  Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);

export const firstOverlap = (slots: readonly Slot[], candidate: Slot): Slot | undefined =>
  slots.find((s) => s.sessionId !== candidate.sessionId && overlaps(s, candidate));

export const rankOf = (position: number): string => String(position).padStart(9, '0');
