import { undoImport as route } from '#packages/features/imports/routes.ts';
import { startUndo } from '#packages/features/imports/undo.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ({ status: 202, body: await startUndo(params.id, ctx) }));
