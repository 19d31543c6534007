import { ticketQr as route } from '#packages/features/orders/routes.ts';
import { getTicket } from '#packages/features/orders/tickets.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { ticketQrSvg } from '#packages/tickets/qr.ts';

export const handler = httpHandler(route, async ({ params }) => {
  const ticket = await getTicket(params.id);
  return {
    status: 200,
    headers: { 'content-type': 'image/svg+xml', 'cache-control': 'private, max-age=300' },
    rawBody: await ticketQrSvg(ticket.code),
  };
});
