/** JSON with object keys sorted and undefined members dropped, so equal requests give equal text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, canonical(v)]),
  );
}

export interface CursorBindingInput {
  operationId: string;
  /** The validated path parameters (which event, which contact). */
  params: unknown;
  /** The validated query: its filters; `cursor` and `limit` are left out (the page size may change between pages). */
  query: unknown;
  /** The caller: some lists filter by who asks (my tasks), so a cursor is theirs alone. */
  actorId: string;
}

/**
 * What a cursor is bound to, as the associated data of its seal. Validated
 * values, not raw strings, so `minScore=05` and `minScore=5` are one filter.
 */
export function cursorBinding({ operationId, params, query, actorId }: CursorBindingInput): string {
  const { cursor: _cursor, limit: _limit, ...filter } = (query ?? {}) as Record<string, unknown>;
  return JSON.stringify(canonical({ route: operationId, caller: actorId, params: params ?? {}, filter }));
}
