import { getVoucher as route } from '#packages/features/vouchers/routes.ts';
import { getVoucher } from '#packages/features/vouchers/voucher-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getVoucher(params.id, params.code)));
