import { getTask as route } from '#packages/api/routes/tasks.ts';
import { getTask } from '#packages/core/activities/task-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getTask(params.id)));
