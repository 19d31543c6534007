import { checkIn as route } from '#packages/api/routes/check-ins.ts';
import { scanOnline } from '#packages/core/check-ins/scan.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => created(await scanOnline({ eventId: params.id, ...body }, ctx)));
