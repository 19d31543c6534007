import { attendeeDownload as route } from '#packages/features/materials/routes.ts';
import { attendeeDownload } from '#packages/features/materials/material-service.ts';
import { attendeeOfToken } from '#packages/features/sessions/index.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await attendeeDownload(attendeeOfToken(params.token), params.materialId)));
