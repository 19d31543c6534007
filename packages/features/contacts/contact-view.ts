import type { EntityItem } from 'electrodb';
import type { ContactView } from './contract.ts';
import type { contactEntity } from '#packages/core/db/entities/contact.ts';

export type ContactItem = EntityItem<typeof contactEntity>;

/**
 * The API's contact, field by field: the segment facts (attendedEventIds,
 * boughtTicketTypeIds) and index helpers stay inside.
 */
export function toView(item: ContactItem): ContactView {
  return {
    id: item.contactId,
    email: item.email,
    firstName: item.firstName,
    lastName: item.lastName,
    phone: item.phone,
    leadSource: item.leadSource,
    companyId: item.companyId,
    tags: item.tags ?? [],
    marketingConsent: item.marketingConsent,
    marketingConsentAt: item.marketingConsentAt,
    state: item.state ?? 'active',
    trashedAt: item.trashedAt,
    engagementScore: item.engagementScore ?? 0,
    leadStatus: item.leadStatus,
    emailStatus: item.emailStatus,
    createdBy: item.createdBy,
    ordersCount: item.ordersCount ?? 0,
    lifetimeValue: item.lifetimeValueCurrency ? { amount: item.lifetimeValueAmount ?? 0, currency: item.lifetimeValueCurrency } : null,
    lastPurchaseAt: item.lastPurchaseAt,
    predictedLifetimeValue: (item.lifetimeValue as ContactView['predictedLifetimeValue']) ?? null,
    lastSeenAt: item.lastSeenAt,
    eventsAttended: item.eventsAttended ?? 0,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    revision: item.revision ?? 0,
  };
}
