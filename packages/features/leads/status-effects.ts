import { domainEvent, type PendingEvent } from '#packages/core/bus/pending-event.ts';
import type { RequestContext } from '#packages/core/context.ts';
import type { LeadStatus } from '#packages/core/db/entities/lead.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';

export interface LeadStatusChange {
  leadId: string;
  contactId: string;
  from: LeadStatus | null;
  to: LeadStatus;
  at: string;
  by: string;
  /** Whether the contact's `leadStatus` follows this lead (it is the contact's newest). */
  mirror: boolean;
}

/**
 * Whether `leadId` is the contact's newest lead, whose status the contact's
 * `leadStatus` mirrors (lead ids are ULIDs: the greatest is the newest).
 * One Query of `byContact`.
 */
export async function isNewestLeadOf(contactId: string, leadId: string): Promise<boolean> {
  const { data } = await db().entities.lead.query.byContact({ contactId }).go({ pages: 'all', attributes: ['leadId'] });
  return data.every((l) => l.leadId <= leadId);
}

/** Deterministic: a lead enters each status at most once (statuses only move forward). */
export const leadTimelineEntryId = (leadId: string, status: LeadStatus) => `lead.status_changed:${leadId}:${status}`;

/**
 * What a lead's status change writes beside the lead, in its transaction: a
 * line on the contact's timeline and, for the contact's newest lead, the
 * contact's `leadStatus`.
 */
export function statusChangeItems(entities: TransactionEntities, change: LeadStatusChange): TransactionItem[] {
  const items: TransactionItem[] = [
    entities.timelineEntry
      .put({
        entryId: leadTimelineEntryId(change.leadId, change.to),
        contactId: change.contactId,
        occurredAt: change.at,
        kind: 'lead.status_changed',
        summary: change.from ? `Lead moved from ${change.from} to ${change.to}` : `Lead created (${change.to})`,
        refType: 'lead',
        refId: change.leadId,
        data: { from: change.from, to: change.to, by: change.by },
        createdAt: change.at,
        updatedAt: change.at,
      })
      .commit(),
  ];
  if (change.mirror) items.push(entities.contact.patch({ contactId: change.contactId }).set({ leadStatus: change.to, updatedAt: change.at }).commit());
  return items;
}

/** `contact.updated` (reason `lead`) when the contact's `leadStatus` changed: segments filter on it. */
export function statusChangeEvents(change: LeadStatusChange, ctx: RequestContext): PendingEvent[] {
  return change.mirror ? [domainEvent('contact.updated', { contactId: change.contactId, reason: 'lead' }, ctx)] : [];
}
