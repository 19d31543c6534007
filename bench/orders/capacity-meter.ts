/**
 * Consumed-capacity accounting on the process's one DocumentClient
 * (packages/core/db/client.ts). The bench runs the local stack in-process, so
 * the handlers, the event-bus consumers and the scheduled jobs all send their
 * commands through this very client; a middleware on it sets
 * ReturnConsumedCapacity on every command and records what DynamoDB Local
 * reports.
 *
 * Who made a call is told apart with an AsyncLocalStorage entered when an HTTP
 * server of the stack starts a request (node:diagnostics_channel
 * `http.server.request.start`): the API server's requests are `api`, the
 * local bus's (consumers run inside its PutEvents request) are `consumer`,
 * anything else (the scheduler's timers) is `other`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { documentClient } from '#packages/core/db/client.ts';
import { billedWrite, type IndexKeys, type Item } from './item-size.ts';

export type Origin = 'api' | 'consumer' | 'other';

export interface CallRecord {
  origin: Origin;
  /** `POST /v1/events/{id}/orders` for API calls, `event bus delivery` for consumers. */
  request: string;
  /** DynamoDB operation: GetItem, Query, BatchGetItem, TransactWriteItems, … */
  command: string;
  /** What it touched, from ElectroDB's sort keys: `order`, `Put outboxevent`, `inventoryshard`, … */
  items: string[];
  consistent: boolean;
  /** CapacityUnits as reported (table + indexes). */
  units: number;
  tableUnits: number;
  indexUnits: number;
  /** Items a read returned (0: nothing found); undefined for writes. */
  returned?: number;
  /** Keys a BatchGetItem asked for. */
  requested?: number;
  /** With sizing on: what DynamoDB would bill for this write, from the items' before and after images. */
  billedWrite?: { table: number; indexes: number };
  /** Error name when the call failed; DynamoDB Local then reports no capacity. */
  error?: string;
  /** How long the caller waited for it (ms, SDK retries included; sizing reads excluded). */
  ms?: number;
}

interface Tag {
  origin: Origin;
  request: string;
}

interface ReportedCapacity {
  CapacityUnits?: number;
  Table?: { CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
  LocalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

const MIDDLEWARE = 'benchConsumedCapacity';

const commandNames: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

/** `GetItemCommand` (client) or `GetCommand` (lib-dynamodb) → `GetItem`. */
export function operationName(commandName: string | undefined): string {
  const base = (commandName ?? 'Unknown').replace(/Command$/, '');
  return commandNames[base] ?? base;
}

type Json = Record<string, unknown>;
const asObject = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' ? (v as Json) : undefined);
/** A string attribute, plain (DocumentClient input) or marshalled (`{ S }`). */
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof asObject(v)?.S === 'string' ? (asObject(v)!.S as string) : undefined);

/** ElectroDB writes `$<entity>_<version>…`, or `$<collection>#<entity>_<version>…`, as the sort key (lower-cased). */
function entityOf(sortKey: unknown): string | undefined {
  return /^\$(?:[a-z0-9]+#)?([a-z0-9]+)_\d+(?:#|$)/i.exec(str(sortKey) ?? '')?.[1]?.toLowerCase();
}

function itemsOf(command: string, input: Json): string[] {
  const key = (o: Json | undefined) => entityOf(asObject(o?.Key)?.sk ?? asObject(o?.Item)?.sk) ?? '?';
  switch (command) {
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return ((input.TransactItems as unknown[]) ?? []).map((t) => {
        const [kind, body] = Object.entries(asObject(t) ?? {})[0] ?? ['?', undefined];
        return `${kind} ${key(asObject(body))}`;
      });
    case 'BatchGetItem':
      return Object.values(asObject(input.RequestItems) ?? {}).flatMap((r) =>
        ((asObject(r)?.Keys as unknown[]) ?? []).map((k) => entityOf(asObject(k)?.sk) ?? '?'),
      );
    case 'Query':
    case 'Scan': {
      const values = Object.values(asObject(input.ExpressionAttributeValues) ?? {});
      // A key range over several entities of one collection (BETWEEN): the first and the last.
      const named = [...new Set(values.map(entityOf).filter((e) => e !== undefined))];
      const entity = named.length > 1 ? `${named[0]}…${named.at(-1)}` : (named[0] ?? '?');
      return [input.IndexName ? `${entity} via ${String(input.IndexName)}` : entity];
    }
    default:
      return [key(input)];
  }
}

function consistentOf(command: string, input: Json): boolean {
  if (command === 'BatchGetItem') return Object.values(asObject(input.RequestItems) ?? {}).some((r) => asObject(r)?.ConsistentRead === true);
  return input.ConsistentRead === true || command === 'TransactGetItems';
}

function returnedOf(command: string, output: Json): number | undefined {
  switch (command) {
    case 'GetItem':
      return output.Item ? 1 : 0;
    case 'Query':
    case 'Scan':
      return typeof output.Count === 'number' ? output.Count : undefined;
    case 'BatchGetItem':
      return Object.values(asObject(output.Responses) ?? {}).reduce<number>((n, r) => n + (Array.isArray(r) ? r.length : 0), 0);
    case 'TransactGetItems':
      return Array.isArray(output.Responses) ? output.Responses.filter((r) => asObject(r)?.Item).length : undefined;
    default:
      return undefined;
  }
}

/** Sums ConsumedCapacity, a single object or (transactions, batches) an array of them. */
export function sumCapacity(consumed: unknown): { units: number; tableUnits: number; indexUnits: number } {
  const list = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as ReportedCapacity[];
  let units = 0;
  let tableUnits = 0;
  let indexUnits = 0;
  for (const c of list) {
    const indexes = [...Object.values(c.GlobalSecondaryIndexes ?? {}), ...Object.values(c.LocalSecondaryIndexes ?? {})];
    const onIndexes = indexes.reduce((s, i) => s + (i.CapacityUnits ?? 0), 0);
    const total = c.CapacityUnits ?? 0;
    units += total;
    indexUnits += onIndexes;
    tableUnits += c.Table?.CapacityUnits ?? total - onIndexes;
  }
  return { units, tableUnits, indexUnits };
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems']);

interface WriteTarget {
  kind: string;
  table: string;
  pk: string;
  sk: string;
}

/** The items a write touches, by primary key (DocumentClient input: plain strings). */
function writeTargets(command: string, input: Json): WriteTarget[] | null {
  const target = (kind: string, body: Json | undefined): WriteTarget | null => {
    const key = asObject(body?.Item) ?? asObject(body?.Key);
    const pk = str(key?.pk);
    const sk = str(key?.sk);
    const table = str(body?.TableName);
    return pk !== undefined && sk !== undefined && table !== undefined ? { kind, table, pk, sk } : null;
  };
  const targets =
    command === 'TransactWriteItems'
      ? ((input.TransactItems as unknown[]) ?? []).map((t) => {
          const [kind, body] = Object.entries(asObject(t) ?? {})[0] ?? ['?', undefined];
          return target(kind, asObject(body));
        })
      : [target(command.replace(/Item$/, ''), input)];
  return targets.every((t) => t !== null) ? (targets as WriteTarget[]) : null;
}

const ULID = /[0-9A-HJKMNP-TV-Z]{26}/g;
const routeOf = (req: IncomingMessage) => `${req.method ?? '?'} ${(req.url ?? '/').split('?')[0]!.replace(ULID, '{id}')}`;

export class CapacityMeter {
  private records: CallRecord[] = [];
  private readonly tags = new AsyncLocalStorage<Tag>();
  private ports = { api: -1, bus: -1 };
  private installed = false;
  private sizing: { client: DynamoDBClient; indexes: readonly IndexKeys[] } | null = null;

  /**
   * Sizing on: every write also reads the items it touches before and after
   * (strongly consistent, on a client of its own that is not metered) to
   * compute what DynamoDB would bill. Only for sequential measurements: it
   * adds round trips and is exact only when nothing else writes meanwhile.
   */
  setSizing(sizing: { client: DynamoDBClient; indexes: readonly IndexKeys[] } | null): void {
    this.sizing = sizing;
  }

  private async image(t: WriteTarget): Promise<Item | undefined> {
    const out = await this.sizing!.client.send(
      new GetItemCommand({ TableName: t.table, Key: { pk: { S: t.pk }, sk: { S: t.sk } }, ConsistentRead: true }),
    );
    return out.Item;
  }

  private readonly onRequestStart = (message: unknown) => {
    const { request, server } = message as { request: IncomingMessage; server: Server };
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : -1;
    // Entered for the rest of this synchronous turn, which emits 'request': the handler and all it awaits inherit it.
    if (port === this.ports.api) this.tags.enterWith({ origin: 'api', request: routeOf(request) });
    else if (port === this.ports.bus) this.tags.enterWith({ origin: 'consumer', request: 'event bus delivery' });
    else this.tags.enterWith({ origin: 'other', request: `port ${port}` });
  };

  /** Runs `fn` (and everything it starts) as calls of `origin`, e.g. held bus deliveries released by the bench itself. */
  runAs<T>(origin: Origin, request: string, fn: () => T): T {
    return this.tags.run({ origin, request }, fn);
  }

  /** Adds the middleware and starts telling callers apart by the ports of the API server and the local bus. */
  install(ports: { api: number; bus: number }): void {
    if (this.installed) return;
    this.ports = ports;
    subscribe('http.server.request.start', this.onRequestStart);
    const middleware = (next: (args: { input: Json }) => Promise<{ output: Json }>, context: { commandName?: string }) =>
      async (args: { input: Json }) => {
        const command = operationName(context.commandName);
        args.input.ReturnConsumedCapacity = 'INDEXES';
        const tag = this.tags.getStore() ?? { origin: 'other' as const, request: 'outside any request (scheduler)' };
        const base = { origin: tag.origin, request: tag.request, command, items: itemsOf(command, args.input), consistent: consistentOf(command, args.input) };
        const sizing = this.sizing;
        const targets = sizing && WRITES.has(command) ? writeTargets(command, args.input) : null;
        const before = targets ? await Promise.all(targets.map((t) => this.image(t))) : [];
        const started = performance.now();
        try {
          const result = await next(args);
          const ms = performance.now() - started;
          const returned = returnedOf(command, result.output);
          const requested = command === 'BatchGetItem' ? itemsOf(command, args.input).length : undefined;
          let billed: CallRecord['billedWrite'];
          if (targets && sizing) {
            // A ConditionCheck changes nothing; it is counted as a transactional write of the item (not used by the app today).
            const after = await Promise.all(
              targets.map((t, i) => (t.kind === 'Delete' ? undefined : t.kind === 'ConditionCheck' ? before[i] : this.image(t))),
            );
            billed = { table: 0, indexes: 0 };
            targets.forEach((t, i) => {
              const b = billedWrite(before[i], after[i], sizing.indexes, command === 'TransactWriteItems');
              billed!.table += b.table;
              billed!.indexes += b.indexes;
            });
          }
          this.records.push({
            ...base,
            ...sumCapacity(result.output.ConsumedCapacity),
            ...(returned === undefined ? {} : { returned }),
            ...(requested === undefined ? {} : { requested }),
            ...(billed ? { billedWrite: billed } : {}),
            ms,
          });
          return result;
        } catch (error) {
          this.records.push({ ...base, units: 0, tableUnits: 0, indexUnits: 0, error: (error as Error).name || 'Error', ms: performance.now() - started });
          throw error;
        }
      };
    // 'initialize': outside the SDK's retry middleware, so one record per command the application sent.
    (documentClient.middlewareStack as unknown as { add(m: unknown, o: unknown): void }).add(middleware, { step: 'initialize', name: MIDDLEWARE });
    this.installed = true;
  }

  uninstall(): void {
    if (!this.installed) return;
    documentClient.middlewareStack.remove(MIDDLEWARE);
    unsubscribe('http.server.request.start', this.onRequestStart);
    this.installed = false;
  }

  /** The calls recorded since the last take(), and a fresh start. */
  take(): CallRecord[] {
    const taken = this.records;
    this.records = [];
    return taken;
  }
}
