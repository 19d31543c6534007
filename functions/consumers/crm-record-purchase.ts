import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordPurchase } from '#packages/features/contacts/record-purchase.ts';

/** The buyer's contact gains the purchase (counts, ticket types, timeline line); contact.updated through the outbox. */
export const handler = consumerHandler(consumers.crmRecordPurchase, async ({ metadata, data }) => {
  await recordPurchase(metadata, data);
});
