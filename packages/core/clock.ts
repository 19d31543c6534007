/** Every timestamp the product writes: ISO 8601 in UTC. */
export const nowIso = (): string => new Date().toISOString();

/** Normalizes an ISO time with any offset to UTC, so stored times compare as strings. */
export const toUtc = <T extends string | undefined>(iso: T): T => (iso === undefined ? iso : (new Date(iso).toISOString() as T));
