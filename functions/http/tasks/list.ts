import { listTasks as route } from '#packages/api/routes/tasks.ts';
import { listTasks } from '#packages/core/activities/task-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query, ctx }) => ok(await listTasks(query, ctx)));
