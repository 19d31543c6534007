import { checkIn as route } from '#packages/features/check-ins/routes.ts';
import { scanOnline } from '#packages/features/check-ins/scan.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => created(await scanOnline({ eventId: params.id, ...body }, ctx)));
