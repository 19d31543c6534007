import { getPayoutCsv as route } from '#packages/features/promoters/routes.ts';
import { assertCanSee } from '#packages/features/promoters/access.ts';
import { payoutCsv } from '#packages/features/promoters/payouts.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, principal }) => {
  await assertCanSee(principal, params.id);
  const csv = await payoutCsv(params.id, params.payoutId);
  return { status: 200, rawBody: csv, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="payout-${params.payoutId}.csv"` } };
});
