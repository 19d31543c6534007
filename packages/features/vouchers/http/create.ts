import { createVoucher as route } from '#packages/features/vouchers/routes.ts';
import { createVoucher } from '#packages/features/vouchers/voucher-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createVoucher(params.id, body)));
