import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { rescoreCompanyLeads, rescoreContactLeads, rescoreOpenLeads } from '#packages/core/leads/rescore.ts';

/**
 * Lead scores follow their facts: a contact's or a company's leads are
 * rescored when it changes, every open lead when the rules or the cap change.
 * Recomputing from current facts is idempotent, so redelivery needs no marker.
 */
export const handler = consumerHandler('crm-rescore-leads', ['contact.updated', 'company.updated', 'lead_scoring_rules.changed'], async (event) => {
  if (event.detailType === 'contact.updated') await rescoreContactLeads((event.data as { contactId: string }).contactId);
  else if (event.detailType === 'company.updated') await rescoreCompanyLeads((event.data as { companyId: string }).companyId);
  else await rescoreOpenLeads();
});
