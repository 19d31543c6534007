/**
 * Seats this process recently saw taken — a hint, never a decision. A buyer
 * naming a seat another buyer just took would otherwise pay for a whole
 * canceled transaction (DynamoDB bills and locks every item of it, and in a
 * rush those cancellations slow the winners down); while a named seat is
 * hinted, the order reads the named seats first (one strongly consistent
 * BatchGet, 1 RCU each) and refuses on that read. A seat found free again
 * (released, expired) clears its hint, so a stale hint costs one read.
 * Per process: a Lambda instance learns from its own refusals.
 */
const HINT_MS = 10_000;
const MAX_SEATS = 5_000;

const takenUntil = new Map<string, number>();
const keyOf = (eventId: string, seatGuid: string) => `${eventId}#${seatGuid.toLowerCase()}`;

export function markTaken(eventId: string, seatGuids: Iterable<string>, now = Date.now()): void {
  for (const guid of seatGuids) {
    const key = keyOf(eventId, guid);
    takenUntil.delete(key);
    if (takenUntil.size >= MAX_SEATS) takenUntil.delete(takenUntil.keys().next().value!);
    takenUntil.set(key, now + HINT_MS);
  }
}

export function clearTaken(eventId: string, seatGuids: Iterable<string>): void {
  for (const guid of seatGuids) takenUntil.delete(keyOf(eventId, guid));
}

export function recentlyTaken(eventId: string, seatGuids: Iterable<string>, now = Date.now()): boolean {
  let hinted = false;
  for (const guid of seatGuids) {
    const key = keyOf(eventId, guid);
    const until = takenUntil.get(key);
    if (until === undefined) continue;
    if (until > now) hinted = true;
    else takenUntil.delete(key);
  }
  return hinted;
}
