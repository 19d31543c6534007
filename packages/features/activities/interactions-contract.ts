import * as z from 'zod/mini';
import { INTERACTION_TYPES } from '#packages/core/db/entities/interaction.ts';
import { IsoDateTime, ListQuery, Timestamps, Ulid } from '#packages/core/common-schemas.ts';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const InteractionType = z.enum(INTERACTION_TYPES);

const optionalFields = {
  opportunityId: Ulid,
  content: text(20_000),
  outcome: text(500),
  nextAction: text(500),
};

/**
 * `body` is the text of an interaction, as of a note; `content` is its old
 * name, still accepted (deprecated) and still answered beside `body`.
 */
const deprecatedContent = <S extends z.ZodMiniType>(schema: S): S => {
  z.globalRegistry.add(schema, { deprecated: true, description: 'Deprecated: use `body` (the name notes use too).' });
  return schema;
};
const oneText = z.refine<{ body?: unknown; content?: unknown }>((v) => v.body === undefined || v.content === undefined, {
  message: 'give body (or its deprecated name content), not both',
  path: ['content'],
});
/** The stored field is still `content`: the service takes `body` (or the old name) into it. */
export const textOf = <T extends { body?: unknown; content?: unknown }>({ body, content, ...rest }: T) =>
  ({ ...rest, ...(body !== undefined ? { content: body } : content !== undefined ? { content } : {}) }) as Omit<T, 'body' | 'content'> & {
    content?: T['content'];
  };

export const CreateInteraction = z
  .object({
    contactId: Ulid,
    type: InteractionType,
    subject: text(200),
    /** When it happened; now when absent. */
    occurredAt: z.optional(IsoDateTime),
    opportunityId: z.optional(optionalFields.opportunityId),
    body: z.optional(optionalFields.content),
    content: deprecatedContent(z.optional(text(20_000))),
    outcome: z.optional(optionalFields.outcome),
    nextAction: z.optional(optionalFields.nextAction),
  })
  .check(oneText)
  .register(z.globalRegistry, { id: 'CreateInteraction' });

/** The contact is fixed; `null` clears an optional field. */
export const UpdateInteraction = z
  .object({
    type: z.optional(InteractionType),
    subject: z.optional(text(200)),
    occurredAt: z.optional(IsoDateTime),
    opportunityId: z.optional(z.nullable(optionalFields.opportunityId)),
    body: z.optional(z.nullable(optionalFields.content)),
    content: deprecatedContent(z.optional(z.nullable(text(20_000)))),
    outcome: z.optional(z.nullable(optionalFields.outcome)),
    nextAction: z.optional(z.nullable(optionalFields.nextAction)),
  })
  .check(z.refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothing to change' }), oneText)
  .register(z.globalRegistry, { id: 'UpdateInteraction' });

export const Interaction = z
  .object({
    id: Ulid,
    contactId: Ulid,
    opportunityId: z.optional(Ulid),
    type: InteractionType,
    subject: z.string(),
    body: z.optional(z.string()),
    /** Deprecated: the same text as `body`. */
    content: z.optional(z.string()).register(z.globalRegistry, { deprecated: true }),
    outcome: z.optional(z.string()),
    nextAction: z.optional(z.string()),
    occurredAt: IsoDateTime,
    createdBy: z.string(),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Interaction' });

/** Exactly one of contactId / opportunityId: each is one index Query, newest first. */
export const InteractionListQuery = z
  .extend(ListQuery, { contactId: z.optional(Ulid), opportunityId: z.optional(Ulid) })
  .check(
    z.refine((q) => (q.contactId === undefined) !== (q.opportunityId === undefined), {
      message: 'give exactly one of contactId and opportunityId',
      path: ['contactId'],
    }),
  );

export type CreateInteractionInput = z.infer<typeof CreateInteraction>;
export type UpdateInteractionInput = z.infer<typeof UpdateInteraction>;
export type InteractionView = z.infer<typeof Interaction>;
export type InteractionListRequest = z.infer<typeof InteractionListQuery>;
