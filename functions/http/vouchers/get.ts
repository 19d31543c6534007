import { getVoucher as route } from '#packages/api/routes/vouchers.ts';
import { getVoucher } from '#packages/core/vouchers/voucher-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getVoucher(params.id, params.code)));
