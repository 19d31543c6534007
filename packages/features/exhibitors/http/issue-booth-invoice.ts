import { issueBoothInvoice } from '#packages/features/exhibitors/booth-invoice.ts';
import { issueBoothInvoice as route } from '#packages/features/exhibitors/routes.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await issueBoothInvoice(params.id, params.exhibitorId, body)));
