import { createHash } from 'node:crypto';
import { newId } from '../ids.ts';
import { nowIso } from '../clock.ts';
import type { AuditChange, AuditScope } from './audit-context.ts';
import { redactChange } from './audit-redaction.ts';
import { auditShardOf } from './audit-shard.ts';

/** The stored fields of one audit event (packages/core/db/entities/audit-event.ts). */
export interface AuditFields {
  auditId: string;
  auditDay: string;
  /** auditShardOf(auditId): part of the day's and the time index's partition keys (audit-shard.ts). */
  auditShard: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  changes: string;
  requestId: string;
  ip?: string;
  userAgent?: string;
  hash: string;
}

/** The hashed content, in a fixed order: what verification recomputes (the shard follows from the id, so it is left out). */
export function auditContentHash(fields: Omit<AuditFields, 'hash' | 'auditShard'>): string {
  const canonical = JSON.stringify([
    fields.auditId,
    fields.auditDay,
    fields.at,
    fields.actor,
    fields.action,
    fields.target,
    fields.changes,
    fields.requestId,
    fields.ip ?? null,
    fields.userAgent ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The audit event of `scope`'s action on `target`, changes redacted (audit-redaction.ts), hashed; one id and time per scope. */
export function auditFields(scope: AuditScope, target: string, changes: AuditChange[]): AuditFields {
  const { auditId, at } = (scope.auditKey ??= { auditId: newId(), at: nowIso() });
  const content = {
    auditId,
    auditDay: at.slice(0, 10),
    at,
    actor: `${scope.actor.type}:${scope.actor.id}`,
    action: scope.action ?? 'unknown',
    target,
    changes: JSON.stringify((scope.providedChanges ?? changes).map(redactChange)),
    requestId: scope.requestId,
    ...(scope.ip ? { ip: scope.ip } : {}),
    ...(scope.userAgent ? { userAgent: scope.userAgent.slice(0, 500) } : {}),
  };
  return { ...content, auditShard: auditShardOf(auditId), hash: auditContentHash(content) };
}
