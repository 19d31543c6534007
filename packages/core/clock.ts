/** Every timestamp the product writes: ISO 8601 in UTC. */
export const nowIso = (): string => new Date().toISOString();
