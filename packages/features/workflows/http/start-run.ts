import { startWorkflowRun as route } from '#packages/features/workflows/routes.ts';
import { startManually } from '#packages/features/workflows/manual-start.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await startManually(params.id, body.contactId)));
