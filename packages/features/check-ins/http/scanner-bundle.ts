import { scannerBundle as route } from '#packages/features/check-ins/routes.ts';
import { scannerBundle } from '#packages/features/check-ins/check-in-queries.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await scannerBundle(params.id)));
