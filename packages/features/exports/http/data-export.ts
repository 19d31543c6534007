import { exportContactData as route } from '#packages/features/exports/routes.ts';
import { exportContactData } from '#packages/features/exports/data-export.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await exportContactData(params.id)));
