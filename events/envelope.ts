import * as z from 'zod/mini';

/** `detail` of every EventBridge event the product emits (shared/README.md §4). */
export const EventMetadata = z.object({
  id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)),
  occurredAt: z.iso.datetime(),
  version: z.int().check(z.minimum(1)),
  correlationId: z.string().check(z.minLength(1)),
  /** Workflow hops that led to this event (absent: none); workflows stop a chain past 5. */
  depth: z.optional(z.int().check(z.minimum(0))),
});

export const envelopeOf = <T extends z.ZodMiniType>(data: T) => z.object({ metadata: EventMetadata, data });

export type EventMetadataValue = z.infer<typeof EventMetadata>;
