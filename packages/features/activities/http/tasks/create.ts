import { createTask as route } from '#packages/features/activities/tasks-routes.ts';
import { createTask } from '#packages/features/activities/task-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createTask(body, ctx)));
