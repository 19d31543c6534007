/**
 * DynamoDB's billing arithmetic, from item sizes, for what DynamoDB Local
 * does not report the way DynamoDB bills it (transactions: see capacity.ts).
 *
 * Item size (AWS developer guide, "Item sizes and formats"): the UTF-8 bytes
 * of every attribute name plus its value — strings their UTF-8 bytes, numbers
 * about one byte per two significant digits plus one, binary its bytes,
 * booleans and null one byte, lists and maps 3 bytes plus one per element
 * (and, for maps, each key's bytes). Writes cost one unit per started KB,
 * reads one per started 4 KB.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;

function numberSize(n: string): number {
  const digits = n.replace(/^[-+]/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

function valueSize(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return v.B.length;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS !== undefined) return v.SS.reduce((s, e) => s + Buffer.byteLength(e), 0);
  if (v.NS !== undefined) return v.NS.reduce((s, e) => s + numberSize(e), 0);
  if (v.BS !== undefined) return v.BS.reduce((s, e) => s + e.length, 0);
  if (v.L !== undefined) return 3 + v.L.reduce((s, e) => s + 1 + valueSize(e), 0);
  if (v.M !== undefined) return 3 + Object.entries(v.M).reduce((s, [k, e]) => s + Buffer.byteLength(k) + 1 + valueSize(e), 0);
  return 0;
}

export function itemSize(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((s, [name, v]) => s + Buffer.byteLength(name) + valueSize(v), 0);
}

/** Write units for one item write: one per started KB of the larger image, at least one. */
export const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

export interface IndexKeys {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

/** Attribute order differs between reads: compare with map keys sorted, at every level. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v instanceof Uint8Array) return `b:${Buffer.from(v).toString('base64')}`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const inIndex = (item: Item | undefined, index: IndexKeys) => item?.[index.partitionKey]?.S !== undefined && item[index.sortKey]?.S !== undefined;
const sameKey = (a: Item, b: Item, index: IndexKeys) => a[index.partitionKey]?.S === b[index.partitionKey]?.S && a[index.sortKey]?.S === b[index.sortKey]?.S;

/**
 * What one item write costs DynamoDB, table and (ALL-projected) indexes:
 * the table pays for the larger of the before and after images, twice in a
 * transaction (prepare + commit); each index the item enters, leaves or
 * stays in pays a put and/or a delete of its entry (a changed key is both).
 * Index updates are counted once even in a transaction (an assumption: AWS
 * documents the doubling per transaction item, not for index propagation).
 */
export function billedWrite(before: Item | undefined, after: Item | undefined, indexes: readonly IndexKeys[], transactional: boolean) {
  const table = writeUnits(Math.max(itemSize(before), itemSize(after))) * (transactional ? 2 : 1);
  let onIndexes = 0;
  for (const index of indexes) {
    const was = inIndex(before, index);
    const is = inIndex(after, index);
    if (was && is && sameKey(before!, after!, index)) {
      // Same entry, rewritten only if the item changed (every attribute is projected).
      if (canonical(before) !== canonical(after)) onIndexes += writeUnits(itemSize(after));
      continue;
    }
    if (was) onIndexes += writeUnits(itemSize(before));
    if (is) onIndexes += writeUnits(itemSize(after));
  }
  return { table, indexes: onIndexes };
}
