import * as z from 'zod/mini';
import { NOTE_TYPES } from '#packages/core/db/entities/note.ts';
import { ListQuery, Timestamps, Ulid } from '#packages/core/common-schemas.ts';

const Body = z.string().check(z.trim(), z.minLength(1), z.maxLength(20_000));
export const NoteType = z.enum(NOTE_TYPES);

export const CreateNote = z
  .object({
    contactId: Ulid,
    body: Body,
    noteType: z.optional(NoteType),
    /** Visible to its author only (lists, timeline, GET). */
    isPrivate: z.optional(z.boolean()),
  })
  .register(z.globalRegistry, { id: 'CreateNote' });

export const UpdateNote = z
  .object({ body: z.optional(Body), noteType: z.optional(NoteType), isPrivate: z.optional(z.boolean()) })
  .check(z.refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothing to change' }))
  .register(z.globalRegistry, { id: 'UpdateNote' });

export const Note = z
  .object({
    id: Ulid,
    contactId: Ulid,
    body: z.string(),
    noteType: NoteType,
    isPrivate: z.boolean(),
    authorId: z.string(),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Note' });

/** A contact's notes, newest first; others' private notes are not in it. */
export const NoteListQuery = z.extend(ListQuery, { contactId: Ulid });

export type CreateNoteInput = z.infer<typeof CreateNote>;
export type UpdateNoteInput = z.infer<typeof UpdateNote>;
export type NoteView = z.infer<typeof Note>;
