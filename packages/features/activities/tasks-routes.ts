import { IdParams, listOf } from '#packages/core/common-schemas.ts';
import { CreateTask, Task, TaskListQuery, UpdateTask } from './tasks-contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Tasks';

export const createTask = defineRoute({
  operationId: 'createTask',
  method: 'POST',
  path: '/v1/tasks',
  handler: 'activities/tasks/create',
  permission: 'activities:write',
  summary: 'Create a task for a user (the caller by default), optionally about a contact (422 unknown_contact) or an opportunity',
  tag,
  request: { body: CreateTask },
  responses: { 201: { description: 'Created', schema: Task }, 422: { description: 'unknown_contact' } },
});

export const listTasks = defineRoute({
  operationId: 'listTasks',
  method: 'GET',
  path: '/v1/tasks',
  handler: 'activities/tasks/list',
  permission: 'activities:read',
  summary: "A user's tasks, soonest due first: ?assignedTo=me (default) or a user id, ?due=overdue|today|upcoming (UTC day), ?status=",
  tag,
  request: { query: TaskListQuery },
  responses: { 200: { description: 'A page of tasks', schema: listOf(Task) } },
});

export const getTask = defineRoute({
  operationId: 'getTask',
  method: 'GET',
  path: '/v1/tasks/{id}',
  handler: 'activities/tasks/get',
  permission: 'activities:read',
  summary: 'Get a task',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The task', schema: Task } },
});

export const updateTask = defineRoute({
  operationId: 'updateTask',
  method: 'PATCH',
  path: '/v1/tasks/{id}',
  handler: 'activities/tasks/update',
  permission: 'activities:write',
  summary: 'Change a task: reassign, reschedule, move its status (done stamps completedAt); null clears an optional field',
  tag,
  request: { params: IdParams, body: UpdateTask },
  responses: { 200: { description: 'The changed task', schema: Task }, 409: { description: 'concurrent_update' }, 422: { description: 'unknown_contact' } },
});

export const deleteTask = defineRoute({
  operationId: 'deleteTask',
  method: 'DELETE',
  path: '/v1/tasks/{id}',
  handler: 'activities/tasks/delete',
  permission: 'activities:write',
  summary: 'Delete a task',
  tag,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' } },
});
