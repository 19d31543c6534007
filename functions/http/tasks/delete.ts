import { deleteTask as route } from '#packages/api/routes/tasks.ts';
import { deleteTask } from '#packages/core/activities/task-service.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => {
  await deleteTask(params.id);
  return noContent();
});
