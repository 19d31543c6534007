import { listVouchers as route } from '#packages/features/vouchers/routes.ts';
import { listVouchers } from '#packages/features/vouchers/voucher-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listVouchers(params.id, query)));
