import { createTask as route } from '#packages/api/routes/tasks.ts';
import { createTask } from '#packages/core/activities/task-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createTask(body, ctx)));
