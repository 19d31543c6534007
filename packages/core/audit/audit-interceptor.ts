import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { isConditionFailure } from '../db/conditions.ts';
import { currentAuditScope, type AuditChange, type AuditScope } from './audit-context.ts';
import { auditFields, type AuditFields } from './audit-record.ts';
import { mainShape, shapeOf, type WriteOp, type WriteShape } from './write-shape.ts';

/** The audit item's PutItem parameters (ElectroDB builds them: keys as the entity defines them). */
export type AuditPutParams = (fields: AuditFields) => { Item: Record<string, unknown>; TableName: string; ConditionExpression?: string; ExpressionAttributeNames?: Record<string, string> };

type Send = (command: any, options?: any) => Promise<any>;
interface Installed {
  send: Send;
  putParams: AuditPutParams;
}
let installed: Installed | undefined;

const MAX_TRANSACTION_ITEMS = 100;
/** A write's answer when the scope's audit item turned out stored already: the write is sent again without it. */
const AUDIT_STORED = Symbol('audit stored');
const CONFLICT_RETRIES = 6;

/** The created item when the write creates one; else what the path's `{id}` names; else the item written. */
function targetOf(scope: AuditScope, shape: WriteShape | undefined): string {
  if (shape?.creates && shape.ownId) return `${shape.entity}:${shape.id}`;
  if (scope.pathId) return `${scope.pathResource ?? shape?.entity ?? 'item'}:${scope.pathId}`;
  return shape ? `${shape.entity}:${shape.id}` : 'none';
}

function auditOp(scope: AuditScope, shape: WriteShape | undefined, changes: AuditChange[]): WriteOp {
  const params = installed!.putParams(auditFields(scope, targetOf(scope, shape), changes));
  return { Put: { ...params } as WriteOp['Put'] & { TableName: string } };
}

async function oldItem(tableName: string, key: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const { Item } = await installed!.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return Item;
}

function withOld(changes: AuditChange[], old: Record<string, unknown> | undefined): AuditChange[] {
  if (!old) return changes;
  return changes.map((c) => (c.field in old ? { ...c, old: old[c.field] } : c));
}

/** A TransactionCanceledException as the caller's own write would have failed: our audit item's reason removed. */
function withoutAuditReason(error: any): any {
  if (Array.isArray(error?.CancellationReasons)) error.CancellationReasons = error.CancellationReasons.slice(0, -1);
  return error;
}

function onlyConflicts(error: any): boolean {
  const reasons: { Code?: string }[] | undefined = error?.CancellationReasons;
  return error?.name === 'TransactionCanceledException' && !!reasons?.some((r) => r.Code === 'TransactionConflict') && !reasons.some((r) => r.Code === 'ConditionalCheckFailed');
}

/**
 * Whether a canceled transaction was refused by its audit item, the last one: the scope's item is stored
 * already, by an earlier write of the scope that timed out on the client yet committed (the item's id is the
 * scope's, audit-record.ts). The write then runs as it would without the item; the audit is done.
 */
function auditAlreadyStored(error: any): boolean {
  const reasons: { Code?: string }[] | undefined = error?.CancellationReasons;
  return error?.name === 'TransactionCanceledException' && Array.isArray(reasons) && reasons.at(-1)?.Code === 'ConditionalCheckFailed';
}

/** Runs `items` as one transaction; a cancel caused only by a conflicting transaction (the audit made a single write a transaction) is retried. */
async function transact(input: Record<string, unknown>, items: WriteOp[], options: unknown): Promise<any> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await installed!.send(new TransactWriteCommand({ ...input, TransactItems: items as never }), options);
    } catch (error) {
      if (attempt < CONFLICT_RETRIES && onlyConflicts(error)) {
        await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt + Math.random() * 10));
        continue;
      }
      throw error;
    }
  }
}

/** A single Put/Update/Delete, as a transaction with the audit item; answers and fails as the single write would. */
async function singleWrite(scope: AuditScope, kind: 'Put' | 'Update' | 'Delete', input: Record<string, any>, shape: WriteShape, options: unknown) {
  const { TableName, ReturnValues, ReturnConsumedCapacity: _c, ReturnItemCollectionMetrics: _m, ...rest } = input;
  const old = kind === 'Put' && shape.creates ? undefined : await oldItem(TableName, shape.key);
  const op = { [kind]: { TableName, ...rest } } as WriteOp;
  try {
    await transact({}, [op, auditOp(scope, shape, withOld(shape.changes, old))], options);
  } catch (error: any) {
    if (auditAlreadyStored(error)) return AUDIT_STORED;
    const reason = error?.CancellationReasons?.[0];
    if (error?.name === 'TransactionCanceledException' && reason?.Code === 'ConditionalCheckFailed') {
      throw new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: error.$metadata ?? {},
        ...(reason.Item ? { Item: reason.Item } : {}),
      });
    }
    throw withoutAuditReason(error);
  }
  if (ReturnValues === 'ALL_NEW' || ReturnValues === 'UPDATED_NEW') {
    const { Item } = await installed!.send(new GetCommand({ TableName, Key: shape.key, ConsistentRead: true }));
    return { $metadata: {}, Attributes: Item };
  }
  return { $metadata: {} };
}

/**
 * Whether an update moves a counter (ADD, or `x = x + :n`). An edit's
 * revision bump (packages/core/db/revisions.ts: `ADD revision 1`, the ETag of
 * venues, events, contacts …) is not one: those edits are audited like any.
 */
function countsSomething(input: Record<string, any>): boolean {
  const expression = String(input.UpdateExpression ?? '');
  const names: Record<string, string> = input.ExpressionAttributeNames ?? {};
  const nameOf = (token: string) => names[token] ?? token;
  const added = /\bADD\s+(.*?)(?=\s+\b(?:SET|REMOVE|DELETE)\b|$)/is.exec(expression)?.[1] ?? '';
  const addedAttributes = added.split(',').map((part) => nameOf(part.trim().split(/\s+/)[0] ?? '')).filter(Boolean);
  const summed = [...expression.matchAll(/([#\w.]+)\s*=\s*[^,]*?[+-]\s*:/g)].map((m) => nameOf(m[1]!));
  return [...addedAttributes, ...summed].some((attribute) => attribute !== 'revision');
}

/**
 * A write that may carry the audit item, and how: null when it must run as
 * it is (nothing audited changes, or its answer needs it to stay a single
 * atomic call: the old item, or a counter's new value).
 */
function planOf(name: string, input: Record<string, any>): { ops: WriteOp[]; kind: 'Put' | 'Update' | 'Delete' | 'Transact' | 'Batch' } | null {
  if (name === 'TransactWriteCommand') return { ops: input.TransactItems, kind: 'Transact' };
  if (name === 'PutCommand') return input.ReturnValues && input.ReturnValues !== 'NONE' ? null : { ops: [{ Put: input as never }], kind: 'Put' };
  if (name === 'DeleteCommand') return input.ReturnValues && input.ReturnValues !== 'NONE' ? null : { ops: [{ Delete: input as never }], kind: 'Delete' };
  if (name === 'UpdateCommand') {
    const rv = input.ReturnValues ?? 'NONE';
    if (rv === 'ALL_OLD' || rv === 'UPDATED_OLD') return null;
    // A counter (ADD, or `x = x + :n`) stays a single update: its new value must come from the update itself, and a
    // hot counter must not become a transaction (concurrent transactions on one item conflict; single updates queue).
    if (countsSomething(input)) return null;
    return { ops: [{ Update: input as never }], kind: 'Update' };
  }
  if (name === 'BatchWriteCommand') {
    const tables = Object.keys(input.RequestItems ?? {});
    if (tables.length !== 1) return null;
    const requests: any[] = input.RequestItems[tables[0]!];
    if (requests.length >= MAX_TRANSACTION_ITEMS) return null;
    const ops = requests.map((r) => (r.PutRequest ? { Put: { TableName: tables[0], Item: r.PutRequest.Item } } : { Delete: { TableName: tables[0], Key: r.DeleteRequest.Key } }));
    return { ops, kind: 'Batch' };
  }
  return null;
}

/**
 * Every write of the process's DocumentClient passes here. In a scope with
 * an action (an HTTP request that changes state, a job run), the first write
 * that changes something other than plumbing rows takes the scope's one
 * audit item into its own transaction: a transaction gets one more item; a
 * single write (or a small batch) becomes a transaction of it and the audit
 * item. So a feature writes through ElectroDB as it always has and its
 * change and its audit event commit together, or neither does.
 *
 * Cost: a single write made a transaction costs twice its WCU, plus the
 * audit item (and its four index entries); an update or delete also reads
 * the item first (consistent) for the old values. Only one write per request.
 */
export function installAuditInterceptor(client: Pick<DynamoDBDocumentClient, 'send'>, putParams: AuditPutParams): void {
  if (installed) return;
  const send = client.send.bind(client) as Send;
  installed = { send, putParams };
  (client as { send: Send }).send = async (command: any, options?: any) => {
    const scope = currentAuditScope();
    if (!scope?.action || scope.claimed || scope.written) return send(command, options);
    const plan = planOf(command?.constructor?.name ?? '', command?.input ?? {});
    const shape = mainShape(plan?.ops.map(shapeOf) ?? [], scope.pathId);
    if (!plan || !shape) return send(command, options);
    scope.observed ??= shape;
    if (plan.ops.length >= MAX_TRANSACTION_ITEMS) return send(command, options);
    scope.claimed = true;
    try {
      let result: any;
      if (plan.kind === 'Transact') {
        try {
          result = await transact({ ...command.input }, [...plan.ops, auditOp(scope, shape, shape.changes)], options);
        } catch (error) {
          if (!auditAlreadyStored(error)) throw withoutAuditReason(error);
          result = AUDIT_STORED;
        }
      } else if (plan.kind === 'Batch') {
        try {
          await transact({}, [...plan.ops, auditOp(scope, shape, shape.changes)], options);
          result = { $metadata: {}, UnprocessedItems: {} };
        } catch (error) {
          if (!auditAlreadyStored(error)) throw error;
          result = AUDIT_STORED;
        }
      } else {
        result = await singleWrite(scope, plan.kind, command.input, shape, options);
      }
      scope.written = true;
      return result === AUDIT_STORED ? await send(command, options) : result;
    } finally {
      scope.claimed = false;
    }
  };
}

/**
 * The audit item the interceptor adds to a transaction of `ops` run in
 * `scope` (null when none of them is audited, or no interceptor is
 * installed): the same builder, so a benchmark's bare transaction carries
 * the real one's item, of the real one's size. Writes nothing.
 */
export function auditItemFor(scope: Omit<AuditScope, 'claimed' | 'written'>, ops: readonly WriteOp[]): WriteOp | null {
  if (!installed || !scope.action) return null;
  const full: AuditScope = { ...scope, claimed: false, written: false };
  const shape = mainShape(ops.map(shapeOf), full.pathId);
  return shape ? auditOp(full, shape, shape.changes) : null;
}

/**
 * At the end of a successful request whose writes carried no audit item
 * (it wrote nothing, or only writes that must stay single calls): the audit
 * event on its own, naming what the first write touched.
 */
export async function writeStandaloneAudit(scope: AuditScope): Promise<void> {
  if (!installed || !scope.action || scope.written) return;
  const shape = scope.observed;
  const params = installed.putParams(auditFields(scope, targetOf(scope, shape), shape?.changes ?? []));
  try {
    await installed.send(new PutCommand(params));
  } catch (error) {
    // Refused by the item's condition: a write of this scope that timed out carried it and committed.
    if (!isConditionFailure(error)) throw error;
  }
  scope.written = true;
}


