import type { EntityItem } from 'electrodb';
import type { exhibitorLeadEntity } from '#packages/core/db/entities/exhibitor-lead.ts';
import { definedOnly } from '#packages/core/views.ts';
import type { LeadView } from './contract.ts';

export type LeadItem = EntityItem<typeof exhibitorLeadEntity>;

/** What the exhibitor sees of a lead: never the ticket or the organiser's contact id. */
export const toLeadView = (l: LeadItem): LeadView =>
  definedOnly({
    id: l.leadId,
    exhibitorId: l.exhibitorId,
    eventId: l.eventId,
    shared: l.shared,
    firstName: l.firstName,
    lastName: l.lastName,
    email: l.email,
    company: l.company,
    jobTitle: l.jobTitle,
    rating: l.rating,
    notes: l.notes,
    answers: l.answers as Record<string, string> | undefined,
    scanCount: l.scanCount ?? 0,
    lastScannedAt: l.lastScannedAt,
  }) as LeadView;
