import type { AuditChange } from './audit-context.ts';
import { isBookkeeping } from './audit-redaction.ts';

/** Plumbing rows: writing them changes nothing a person did (outbox, idempotency, apply-once, the audit itself). */
const PLUMBING = new Set(['outboxevent', 'idempotencyrecord', 'processedevent', 'auditevent', 'auditseal']);

type Attrs = Record<string, unknown>;

/** One write of a command, in the shape of a TransactWriteItems entry. */
export interface WriteOp {
  Put?: { Item: Attrs; ConditionExpression?: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Attrs };
  Update?: { Key: Attrs; UpdateExpression: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Attrs };
  Delete?: { Key: Attrs };
  ConditionCheck?: { Key: Attrs };
}

/** What the audit says of a write: its entity, the item's id, whether it creates, and its changes (new values). */
export interface WriteShape {
  entity: string;
  id: string;
  creates: boolean;
  changes: AuditChange[];
  key: Attrs;
  /** The item carries its own `<entity>Id` (a contact, not the contact's email guard): the better target. */
  ownId: boolean;
}

/** `$venue_1#…` → `venue` (ElectroDB's sort key starts with the entity, lower-cased). */
function entityOfKey(key: Attrs): string {
  const sk = typeof key.sk === 'string' ? key.sk : '';
  return /^\$([a-z0-9]+)_/i.exec(sk)?.[1] ?? 'item';
}

/** `$eventos#venueid_01abc…` → `01ABC…` (keys are lower-cased; ULIDs are upper-case). */
function idOfKey(key: Attrs): string {
  const pk = typeof key.pk === 'string' ? key.pk : '';
  const last = pk.split('#').at(-1) ?? '';
  const value = last.includes('_') ? last.slice(last.indexOf('_') + 1) : last;
  return /^[0-9a-z]{26}$/.test(value) ? value.toUpperCase() : value;
}

function keyOf(item: Attrs): Attrs {
  return { pk: item.pk, sk: item.sk };
}

/** The SET clauses of an update expression, `#a.#b = :v` → { field: 'a.b', new: v } (computed values: field only). */
function setChanges(expression: string, names: Record<string, string>, values: Attrs): AuditChange[] {
  const set = /\bSET\s+(.*?)(?=\s+\b(?:REMOVE|ADD|DELETE)\b|$)/is.exec(expression)?.[1] ?? '';
  const changes: AuditChange[] = [];
  let depth = 0;
  let start = 0;
  const clauses: string[] = [];
  for (let i = 0; i < set.length; i++) {
    if (set[i] === '(') depth++;
    else if (set[i] === ')') depth--;
    else if (set[i] === ',' && depth === 0) {
      clauses.push(set.slice(start, i));
      start = i + 1;
    }
  }
  if (set.trim()) clauses.push(set.slice(start));
  for (const clause of clauses) {
    const [path = '', expr = ''] = clause.split('=').map((s) => s.trim());
    const field = path.replace(/#[\w]+/g, (n) => names[n] ?? n);
    const plain = /^:[\w]+$/.test(expr);
    changes.push(plain ? { field, new: values[expr] } : { field });
  }
  const removed = /\bREMOVE\s+(.*?)(?=\s+\b(?:SET|ADD|DELETE)\b|$)/is.exec(expression)?.[1] ?? '';
  for (const path of removed.split(',').map((s) => s.trim()).filter(Boolean)) {
    changes.push({ field: path.replace(/#[\w]+/g, (n) => names[n] ?? n), new: null });
  }
  const added = /\bADD\s+(.*?)(?=\s+\b(?:SET|REMOVE|DELETE)\b|$)/is.exec(expression)?.[1] ?? '';
  for (const clause of added.split(',').map((s) => s.trim()).filter(Boolean)) {
    changes.push({ field: (clause.split(/\s+/)[0] ?? '').replace(/#[\w]+/g, (n) => names[n] ?? n) });
  }
  return changes;
}

function meaningful(entity: string, changes: AuditChange[]): AuditChange[] {
  return changes.filter((c) => !isBookkeeping(c.field) && c.field.toLowerCase() !== `${entity.toLowerCase()}id`);
}

/** The audit's view of one write, or null for plumbing rows and condition checks. */
export function shapeOf(op: WriteOp): WriteShape | null {
  if (op.Put) {
    const item = op.Put.Item;
    const entity = String(item.__edb_e__ ?? entityOfKey(keyOf(item)));
    if (PLUMBING.has(entity.toLowerCase())) return null;
    const id = String(item[`${entity}Id`] ?? idOfKey(keyOf(item)));
    const creates = /attribute_not_exists/.test(op.Put.ConditionExpression ?? '');
    const changes = Object.entries(item).map(([field, value]) => ({ field, new: value }));
    return { entity, id, creates, changes: meaningful(entity, changes), key: keyOf(item), ownId: item[`${entity}Id`] !== undefined };
  }
  if (op.Update) {
    const values = op.Update.ExpressionAttributeValues ?? {};
    const entity = String(values[':__edb_e___u0'] ?? entityOfKey(op.Update.Key));
    if (PLUMBING.has(entity.toLowerCase())) return null;
    const idValue = Object.entries(values).find(([name]) => name.startsWith(`:${entity}Id_`))?.[1];
    const changes = setChanges(op.Update.UpdateExpression, op.Update.ExpressionAttributeNames ?? {}, values);
    return { entity, id: String(idValue ?? idOfKey(op.Update.Key)), creates: false, changes: meaningful(entity, changes), key: op.Update.Key, ownId: idValue !== undefined };
  }
  if (op.Delete) {
    const entity = entityOfKey(op.Delete.Key);
    if (PLUMBING.has(entity)) return null;
    return { entity, id: idOfKey(op.Delete.Key), creates: false, changes: [{ field: '(item)', new: 'deleted' }], key: op.Delete.Key, ownId: false };
  }
  return null;
}

/**
 * The write a transaction's audit item describes: the item the path names,
 * else the first that carries its own id (the contact rather than its email
 * guard), else the first that changes anything.
 */
export function mainShape(shapes: readonly (WriteShape | null)[], pathId: string | undefined): WriteShape | undefined {
  const real = shapes.filter((s): s is WriteShape => s !== null);
  return (pathId ? real.find((s) => s.id === pathId) : undefined) ?? real.find((s) => s.ownId) ?? real[0];
}
