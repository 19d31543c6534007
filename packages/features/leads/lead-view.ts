import type { LeadView } from './contract.ts';
import type { LeadItem } from './lead-facts.ts';

/** The API's lead: person and company details grouped as they came in. */
export function toLeadView(item: LeadItem): LeadView {
  return {
    id: item.leadId,
    contactId: item.contactId,
    person: { email: item.email, firstName: item.firstName, lastName: item.lastName, phone: item.phone },
    company: { name: item.companyName, domain: item.companyDomain },
    companyId: item.companyId,
    source: item.source,
    status: item.status,
    statusChangedAt: item.statusChangedAt,
    score: item.score ?? 0,
    estimatedValue: item.estimatedValue,
    probability: item.probability,
    assignedTo: item.assignedTo,
    convertedContactId: item.convertedContactId,
    convertedCompanyId: item.convertedCompanyId,
    convertedOpportunityId: item.convertedOpportunityId,
    convertedAt: item.convertedAt,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}
