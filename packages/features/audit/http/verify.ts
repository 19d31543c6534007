import { verifyAuditDay as route } from '#packages/features/audit/routes.ts';
import { verifyAuditDay } from '#packages/features/audit/audit-verify.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await verifyAuditDay(query.day)));
