/** `venues/create`, `count-published-events`, `createVenue` → `VenuesCreate`, `CountPublishedEvents`, `CreateVenue`. */
export function constructId(name: string): string {
  const id = name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  if (!id) throw new Error(`Cannot derive a construct id from ${JSON.stringify(name)}`);
  return id;
}
