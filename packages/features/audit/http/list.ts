import { listAuditEvents as route } from '#packages/features/audit/routes.ts';
import { listAuditEvents } from '#packages/features/audit/audit-query.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listAuditEvents(query)));
