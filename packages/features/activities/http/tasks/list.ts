import { listTasks as route } from '#packages/features/activities/tasks-routes.ts';
import { listTasks } from '#packages/features/activities/task-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query, ctx }) => ok(await listTasks(query, ctx)));
