import { checkInBatch as route } from '#packages/features/check-ins/routes.ts';
import { scanBatch } from '#packages/features/check-ins/scan.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';
import { statusOf } from '#packages/http/middleware/error-mapper.ts';

/** Each scan's `httpStatus` is what the same scan would have answered online: 201, or its refusal's status. */
export const handler = httpHandler(route, async ({ params, body, ctx }) => {
  const outcomes = await scanBatch(params.id, body, ctx);
  const results = outcomes.map(({ refusedAs, ...result }) => ({ ...result, httpStatus: refusedAs ? statusOf[refusedAs] : 201 }));
  return ok({ results });
});
