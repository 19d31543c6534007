import type { EntityItem } from 'electrodb';
import type { TimelineItemView } from './contract.ts';
import type { interactionEntity } from '#packages/core/db/entities/interaction.ts';
import type { noteEntity } from '#packages/core/db/entities/note.ts';
import type { taskEntity } from '#packages/core/db/entities/task.ts';
import type { timelineEntryEntity } from '#packages/core/db/entities/timeline-entry.ts';

/** What the timeline shows of a note's body: the first line, cut to this many characters. */
const SUMMARY_CHARS = 140;

function excerpt(text: string): string {
  const firstLine = text.split('\n', 1)[0]!.trim();
  return firstLine.length > SUMMARY_CHARS ? `${firstLine.slice(0, SUMMARY_CHARS - 1)}…` : firstLine;
}

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Drops undefined and '' (the "none" of optional index composites) so `data` carries only facts. */
function facts(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
}

export function entryItem(e: EntityItem<typeof timelineEntryEntity>): TimelineItemView {
  return {
    id: e.entryId,
    kind: e.kind,
    occurredAt: e.occurredAt,
    summary: e.summary,
    ref: e.refType && e.refId ? { type: e.refType, id: e.refId } : null,
    data: typeof e.data === 'object' && e.data !== null && !Array.isArray(e.data) ? (e.data as Record<string, unknown>) : {},
  };
}

export function interactionItem(i: EntityItem<typeof interactionEntity>): TimelineItemView {
  return {
    id: i.interactionId,
    kind: 'interaction',
    occurredAt: i.occurredAt,
    summary: `${capitalized(i.type)}: ${i.subject}`,
    ref: { type: 'interaction', id: i.interactionId },
    data: facts({ type: i.type, subject: i.subject, outcome: i.outcome, nextAction: i.nextAction, opportunityId: i.opportunityId, createdBy: i.createdBy }),
  };
}

export function noteItem(n: EntityItem<typeof noteEntity>): TimelineItemView {
  return {
    id: n.noteId,
    kind: 'note',
    occurredAt: n.occurredAt,
    summary: excerpt(n.body),
    ref: { type: 'note', id: n.noteId },
    data: facts({ noteType: n.noteType, isPrivate: n.isPrivate, authorId: n.authorId }),
  };
}

export function taskItem(t: EntityItem<typeof taskEntity>): TimelineItemView {
  return {
    id: t.taskId,
    kind: 'task',
    occurredAt: t.occurredAt,
    summary: `Task: ${t.title}`,
    ref: { type: 'task', id: t.taskId },
    data: facts({ status: t.status, dueAt: t.dueAt, assignedTo: t.assignedTo, priority: t.priority, completedAt: t.completedAt, opportunityId: t.opportunityId }),
  };
}
