import { getTask as route } from '#packages/features/activities/tasks-routes.ts';
import { getTask } from '#packages/features/activities/task-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getTask(params.id)));
