import { deleteTask as route } from '#packages/features/activities/tasks-routes.ts';
import { deleteTask } from '#packages/features/activities/task-service.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => {
  await deleteTask(params.id);
  return noContent();
});
