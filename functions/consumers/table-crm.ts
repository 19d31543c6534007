import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordTableBooker } from '#packages/features/tables/booker-crm.ts';

/** VIP table bookers into the CRM: a contact (lead source `table_booking`) and timeline lines for the booking and its close. */
export const handler = consumerHandler(consumers.tableCrm, async (event) => {
  await recordTableBooker(event.metadata, event.detailType === 'table.booked' ? { detailType: event.detailType, data: event.data } : { detailType: event.detailType, data: event.data });
});
