import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { rescoreCompanyLeads, rescoreContactLeads, rescoreOpenLeads } from '#packages/features/leads/rescore.ts';

/**
 * Lead scores follow their facts: a contact's or a company's leads are
 * rescored when it changes, every open lead when the rules or the cap change.
 * Recomputing from current facts is idempotent, so redelivery needs no marker.
 */
export const handler = consumerHandler(consumers.crmRescoreLeads, async (event) => {
  switch (event.detailType) {
    case 'contact.updated':
      await rescoreContactLeads(event.data.contactId);
      break;
    case 'company.updated':
      await rescoreCompanyLeads(event.data.companyId);
      break;
    case 'lead_scoring_rules.changed':
      await rescoreOpenLeads();
      break;
  }
});
