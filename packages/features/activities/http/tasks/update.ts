import { updateTask as route } from '#packages/features/activities/tasks-routes.ts';
import { updateTask } from '#packages/features/activities/task-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await updateTask(params.id, body, ctx)));
