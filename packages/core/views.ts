/** API views call every resource's own id `id`; items store it under their entity's key name. */
export function withId<K extends string, T extends Record<K, string>>(item: T, key: K): Omit<T, K> & { id: string } {
  const { [key]: id, ...rest } = item;
  return { id, ...rest } as Omit<T, K> & { id: string };
}

/** Drops keys whose value is undefined: ElectroDB reads `{ x: undefined }` as "set x to nothing". */
export function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
