import { approvePromoterLines as route } from '#packages/features/promoters/routes.ts';
import { approveLinesNow } from '#packages/features/promoters/approval.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await approveLinesNow(params.id, body.lineIds)));
