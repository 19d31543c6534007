import { checkInBatch as route } from '#packages/api/routes/check-ins.ts';
import { scanBatch } from '#packages/core/check-ins/scan.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok({ results: await scanBatch(params.id, body, ctx) }));
