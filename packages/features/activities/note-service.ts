import type { EntityItem } from 'electrodb';
import type { CreateNoteInput, NoteView, UpdateNoteInput } from './notes-contract.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import type { noteEntity } from '#packages/core/db/entities/note.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { withId } from '#packages/core/views.ts';
import { assertContactExists } from './contact-link.ts';

type NoteItem = EntityItem<typeof noteEntity>;

/**
 * Someone other than the author tried to change a public note. Not a
 * DomainError kind (those have no 403): the HTTP handler answers 403.
 */
export class NotNoteAuthor extends Error {
  override name = 'NotNoteAuthor';
  constructor(readonly noteId: string) {
    super(`Only the author can change or delete note ${noteId}`);
  }
}

export function toNoteView({ occurredAt: _at, ...item }: NoteItem): NoteView {
  return withId(item, 'noteId');
}

/** A private note exists only for its author: for anyone else it is exactly a missing note. */
const visibleTo = (note: NoteItem | null, viewerId: string): note is NoteItem => note !== null && (!note.isPrivate || note.authorId === viewerId);

export async function createNote(input: CreateNoteInput, ctx: RequestContext): Promise<NoteView> {
  await assertContactExists(input.contactId);
  const at = nowIso();
  const item: NoteItem = {
    contactId: input.contactId,
    body: input.body,
    noteType: input.noteType ?? 'general',
    isPrivate: input.isPrivate ?? false,
    noteId: newId(),
    authorId: ctx.actorId,
    occurredAt: at,
    createdAt: at,
    updatedAt: at,
  };
  await db().entities.note.create(item).go();
  return toNoteView(item);
}

async function findVisible(id: string, viewerId: string, consistent = false): Promise<NoteItem> {
  const { data } = await db().entities.note.get({ noteId: id }).go({ consistent });
  if (!visibleTo(data, viewerId)) throw notFound('Note', id);
  return data;
}

/** For writes: invisible → 404 (as GET), visible but someone else's → NotNoteAuthor (403). */
async function findOwn(id: string, actorId: string): Promise<NoteItem> {
  const note = await findVisible(id, actorId, true);
  if (note.authorId !== actorId) throw new NotNoteAuthor(id);
  return note;
}

export async function getNote(id: string, ctx: RequestContext): Promise<NoteView> {
  return toNoteView(await findVisible(id, ctx.actorId));
}

export async function updateNote(id: string, input: UpdateNoteInput, ctx: RequestContext): Promise<NoteView> {
  const current = await findOwn(id, ctx.actorId);
  const next: NoteItem = { ...current, ...definedChanges(input), updatedAt: nowIso() };
  try {
    await db()
      .entities.note.put(next)
      .where((attr, op) => op.eq(attr.updatedAt, current.updatedAt))
      .go({ response: 'none' });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    await findOwn(id, ctx.actorId);
    throw conflict('concurrent_update', 'The note changed meanwhile; read it and try again');
  }
  return toNoteView(next);
}

function definedChanges(input: UpdateNoteInput): Partial<NoteItem> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

export async function deleteNote(id: string, ctx: RequestContext): Promise<void> {
  await findOwn(id, ctx.actorId);
  try {
    // The author check again, in the condition: the note cannot have changed hands, but it may be gone.
    await db()
      .entities.note.remove({ noteId: id })
      .where((attr, op) => op.eq(attr.authorId, ctx.actorId))
      .go({ response: 'none' });
  } catch (error) {
    if (isConditionFailure(error)) throw notFound('Note', id);
    throw error;
  }
}

/**
 * A contact's notes, newest first: one Query on byContact with a filter that
 * drops other people's private notes (a page may then hold fewer than
 * `limit`; the cursor still leads on).
 */
export async function listNotes(contactId: string, page: PageRequest, ctx: RequestContext): Promise<Page<NoteView>> {
  const { data, cursor } = await db()
    .entities.note.query.byContact({ contactId })
    .where((attr, op) => `(${op.eq(attr.isPrivate, false)} OR ${op.eq(attr.authorId, ctx.actorId)})`)
    .go({ order: 'desc', limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toNoteView), nextCursor: cursor };
}
