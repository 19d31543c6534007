import type { EntityItem } from 'electrodb';
import type { leadEntity } from '#packages/core/db/entities/lead.ts';
import { db } from '#packages/core/db/service.ts';
import type { LeadFacts } from './scoring.ts';

export type LeadItem = EntityItem<typeof leadEntity>;

/** The company facts scoring reads (a stored company or its API view). */
export interface CompanyFacts {
  industry?: string | undefined;
  companySize?: string | undefined;
  accountType?: string | undefined;
  annualRevenue?: { amount: number } | undefined;
}

/** The contact facts scoring reads. */
export interface ContactFacts {
  eventsAttended?: number | undefined;
  engagementScore?: number | undefined;
  emailOpens?: number | undefined;
  emailClicks?: number | undefined;
  ordersCount?: number | undefined;
}

type LeadFactSource = Pick<LeadItem, 'source' | 'estimatedValue'>;

/** The facts of scoring rules' fields, from the lead, its company and its contact (money as its amount). */
export function factsFrom(lead: LeadFactSource, company: CompanyFacts | null | undefined, contact: ContactFacts | null | undefined): LeadFacts {
  return {
    'lead.source': lead.source,
    'lead.estimatedValue': lead.estimatedValue?.amount,
    'company.industry': company?.industry,
    'company.companySize': company?.companySize,
    'company.accountType': company?.accountType,
    'company.annualRevenue': company?.annualRevenue?.amount,
    'contact.eventsAttended': contact ? (contact.eventsAttended ?? 0) : undefined,
    'contact.engagementScore': contact ? (contact.engagementScore ?? 0) : undefined,
    'contact.emailOpens': contact ? (contact.emailOpens ?? 0) : undefined,
    'contact.emailClicks': contact ? (contact.emailClicks ?? 0) : undefined,
    'contact.ordersCount': contact ? (contact.ordersCount ?? 0) : undefined,
  };
}

/** Reads the lead's company and contact (consistently: a consumer acts on a change it was just told of). */
export async function loadFacts(lead: Pick<LeadItem, 'companyId' | 'contactId' | 'source' | 'estimatedValue'>): Promise<LeadFacts> {
  const [company, contact] = await Promise.all([
    lead.companyId ? db().entities.company.get({ companyId: lead.companyId }).go({ consistent: true }) : null,
    lead.contactId ? db().entities.contact.get({ contactId: lead.contactId }).go({ consistent: true }) : null,
  ]);
  return factsFrom(lead, company?.data, contact?.data);
}
