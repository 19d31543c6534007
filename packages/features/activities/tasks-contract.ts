import * as z from 'zod/mini';
import { TASK_PRIORITIES, TASK_STATUSES } from '#packages/core/db/entities/task.ts';
import { IsoDateTime, ListQuery, Timestamps, Ulid } from '#packages/core/common-schemas.ts';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const TaskStatus = z.enum(TASK_STATUSES);
export const TaskPriority = z.enum(TASK_PRIORITIES);
/** A user id (the token's `sub`), or `me` for the caller. */
const Assignee = text(128);

export const CreateTask = z
  .object({
    title: text(200),
    description: z.optional(text(5_000)),
    /** Defaults to the caller. */
    assignedTo: z.optional(Assignee),
    dueAt: IsoDateTime,
    status: z.optional(TaskStatus),
    priority: z.optional(TaskPriority),
    contactId: z.optional(Ulid),
    opportunityId: z.optional(Ulid),
  })
  .register(z.globalRegistry, { id: 'CreateTask' });

/** `null` clears an optional field; moving to `done` stamps completedAt, leaving it clears it. */
export const UpdateTask = z
  .object({
    title: z.optional(text(200)),
    description: z.optional(z.nullable(text(5_000))),
    assignedTo: z.optional(Assignee),
    dueAt: z.optional(IsoDateTime),
    status: z.optional(TaskStatus),
    priority: z.optional(TaskPriority),
    contactId: z.optional(z.nullable(Ulid)),
    opportunityId: z.optional(z.nullable(Ulid)),
  })
  .check(z.refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothing to change' }))
  .register(z.globalRegistry, { id: 'UpdateTask' });

export const Task = z
  .object({
    id: Ulid,
    title: z.string(),
    description: z.optional(z.string()),
    assignedTo: z.string(),
    dueAt: IsoDateTime,
    status: TaskStatus,
    priority: TaskPriority,
    contactId: z.optional(Ulid),
    opportunityId: z.optional(Ulid),
    completedAt: z.optional(IsoDateTime),
    createdBy: z.string(),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Task' });

/**
 * One assignee's tasks (default `me`), soonest due first. `due`: overdue
 * (before now), today (this UTC day), upcoming (from now). Without `status`
 * the open ones (open and in_progress); `status=done|canceled` reads the
 * closed ones.
 */
export const TaskListQuery = z.extend(ListQuery, {
  assignedTo: z._default(Assignee, 'me'),
  due: z.optional(z.enum(['overdue', 'today', 'upcoming'])),
  status: z.optional(TaskStatus),
});

export type CreateTaskInput = z.infer<typeof CreateTask>;
export type UpdateTaskInput = z.infer<typeof UpdateTask>;
export type TaskView = z.infer<typeof Task>;
export type TaskListRequest = z.infer<typeof TaskListQuery>;
