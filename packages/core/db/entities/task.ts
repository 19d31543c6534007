import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'canceled'] as const;
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** `open` and `in_progress` are work still to do; `done` and `canceled` are not. */
export const queueOf = (status: TaskStatus): 'open' | 'closed' => (status === 'done' || status === 'canceled' ? 'closed' : 'open');

/**
 * A to-do for one user (`assignedTo`), due at `dueAt`, optionally about a
 * contact and/or an opportunity.
 *
 * `queue` (open|closed, derived from `status` by the service on every write)
 * is part of the assignee index's partition key, so "my overdue tasks" is a
 * Query on (assignee, open) with `dueAt < now`: it never reads the done and
 * canceled tasks that pile up in the past. `status` inside a queue is a filter.
 *
 * On the contact's timeline (sparse: only with a contactId) a task sits at
 * `occurredAt` = its creation time.
 */
export const taskSchema = {
  model: { entity: 'task', version: '1', service: SERVICE },
  attributes: {
    taskId: { type: 'string', required: true, readOnly: true },
    title: { type: 'string', required: true },
    description: { type: 'string' },
    assignedTo: { type: 'string', required: true },
    /** ISO UTC in `toISOString()` form: the assignee index sorts on it. */
    dueAt: { type: 'string', required: true },
    status: { type: TASK_STATUSES, required: true },
    queue: { type: ['open', 'closed'] as const, required: true },
    priority: { type: TASK_PRIORITIES, required: true },
    /** `''` when the task is about no contact (see the timeline index). */
    contactId: { type: 'string', required: true },
    opportunityId: { type: 'string' },
    completedAt: { type: 'string' },
    createdBy: { type: 'string', required: true },
    occurredAt: { type: 'string', required: true },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['taskId'] }, sk: { field: 'sk', composite: [] } },
    byAssignee: {
      index: 'gsi1',
      // User ids are case-sensitive (Cognito subs, custom ids): keep them as they are in the key.
      pk: { field: 'gsi1pk', composite: ['assignedTo', 'queue'], casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['dueAt', 'taskId'] },
    },
    timeline: {
      index: 'gsi5',
      type: 'clustered',
      collection: 'timeline',
      // Sparse: a task without a contact (contactId '') gets no timeline keys at all. ElectroDB
      // evaluates an index condition only when every composite is present, hence '' and not absent.
      condition: (attr: { contactId?: string }) => !!attr.contactId,
      pk: { field: 'gsi5pk', composite: ['contactId'] },
      sk: { field: 'gsi5sk', composite: ['occurredAt', 'taskId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const taskEntity: Db['entities']['task'];
