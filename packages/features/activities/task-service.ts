import type { EntityItem } from 'electrodb';
import type { CreateTaskInput, TaskListRequest, TaskView, UpdateTaskInput } from './tasks-contract.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { queueOf, type taskEntity } from '#packages/core/db/entities/task.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page } from '#packages/core/pagination.ts';
import { withId } from '#packages/core/views.ts';
import { assertContactExists, patched, utcIso } from './contact-link.ts';

type TaskItem = EntityItem<typeof taskEntity>;

/** Stored `''` means "no contact" (the sparse timeline index needs the attribute present); the API omits it. */
export function toTaskView({ contactId, queue: _queue, occurredAt: _at, ...item }: TaskItem): TaskView {
  return { ...withId(item, 'taskId'), ...(contactId ? { contactId } : {}) } as TaskView;
}

const assignee = (value: string | undefined, ctx: RequestContext) => (value === undefined || value === 'me' ? ctx.actorId : value);

/** Status decides the assignee index's queue and completedAt: stamped on entering `done`, dropped on leaving it. */
function withStatusFacts(next: TaskItem, previous: TaskItem | null, at: string): TaskItem {
  const { completedAt: _dropped, ...rest } = next;
  const completedAt = next.status !== 'done' ? undefined : previous?.status === 'done' ? previous.completedAt : at;
  return { ...rest, queue: queueOf(next.status), ...(completedAt ? { completedAt } : {}) };
}

export async function createTask(input: CreateTaskInput, ctx: RequestContext): Promise<TaskView> {
  if (input.contactId !== undefined) await assertContactExists(input.contactId);
  const at = nowIso();
  const item = withStatusFacts(
    {
      ...input,
      taskId: newId(),
      assignedTo: assignee(input.assignedTo, ctx),
      dueAt: utcIso(input.dueAt),
      status: input.status ?? 'open',
      priority: input.priority ?? 'normal',
      contactId: input.contactId ?? '',
      queue: 'open',
      createdBy: ctx.actorId,
      occurredAt: at,
      createdAt: at,
      updatedAt: at,
    },
    null,
    at,
  );
  await db().entities.task.create(item).go();
  return toTaskView(item);
}

async function find(id: string, consistent = false): Promise<TaskItem> {
  const { data } = await db().entities.task.get({ taskId: id }).go({ consistent });
  if (!data) throw notFound('Task', id);
  return data;
}

export async function getTask(id: string): Promise<TaskView> {
  return toTaskView(await find(id));
}

/**
 * Read, change, put back the whole item on condition that nobody wrote in
 * between (same updatedAt). The put rebuilds every key from the item: a new
 * status moves the task between the assignee's open and closed queues, a new
 * dueAt re-sorts it, a removed contact drops it from the timeline.
 */
export async function updateTask(id: string, input: UpdateTaskInput, ctx: RequestContext): Promise<TaskView> {
  if (input.contactId) await assertContactExists(input.contactId);
  const current = await find(id, true);
  const at = nowIso();
  const merged = patched(current, {
    ...input,
    ...(input.assignedTo === undefined ? {} : { assignedTo: assignee(input.assignedTo, ctx) }),
    ...(input.dueAt === undefined ? {} : { dueAt: utcIso(input.dueAt) }),
  });
  const next = withStatusFacts({ ...merged, contactId: merged.contactId ?? '', updatedAt: at }, current, at);
  try {
    await db()
      .entities.task.put(next)
      .where((attr, op) => op.eq(attr.updatedAt, current.updatedAt))
      .go({ response: 'none' });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    await find(id, true);
    throw conflict('concurrent_update', 'The task changed meanwhile; read it and try again');
  }
  return toTaskView(next);
}

export async function deleteTask(id: string): Promise<void> {
  try {
    await db().entities.task.remove({ taskId: id }).go({ response: 'none' });
  } catch (error) {
    if (isConditionFailure(error)) throw notFound('Task', id);
    throw error;
  }
}

const startOfUtcDay = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
const DAY_MS = 86_400_000;

/**
 * One Query on (assignee, queue), sorted by dueAt, soonest first; `due` is a
 * key condition on dueAt and `status` a filter inside the queue. Overdue
 * tasks are open by definition, so `due=overdue` with a closed status is empty.
 */
export async function listTasks(query: TaskListRequest, ctx: RequestContext): Promise<Page<TaskView>> {
  const queue = query.status === undefined ? 'open' : queueOf(query.status);
  if (query.due === 'overdue' && queue === 'closed') return { items: [], nextCursor: null };
  const base = db().entities.task.query.byAssignee({ assignedTo: assignee(query.assignedTo, ctx), queue });
  const now = new Date();
  const nowIsoUtc = now.toISOString();
  const today = startOfUtcDay(now);
  // The upper bound of `today` is the next day's key prefix: a task due exactly at midnight sorts after it.
  const ranged =
    query.due === 'overdue'
      ? base.lt({ dueAt: nowIsoUtc })
      : query.due === 'upcoming'
        ? base.gte({ dueAt: nowIsoUtc })
        : query.due === 'today'
          ? base.between({ dueAt: today }, { dueAt: new Date(Date.parse(today) + DAY_MS).toISOString() })
          : base;
  const status = query.status;
  const filtered = status === undefined ? ranged : ranged.where((attr, op) => op.eq(attr.status, status));
  const { data, cursor } = await filtered.go({ limit: query.limit, cursor: checkedCursor(query.cursor) });
  return { items: data.map(toTaskView), nextCursor: cursor };
}
