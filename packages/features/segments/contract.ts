import * as z from 'zod/mini';
import { IsoDateTime, ListQuery, Money, Timestamps, Ulid } from '#packages/core/common-schemas.ts';

const Key = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

/** Every criterion present must hold (AND); at least one is required so a segment is never "everyone" by accident. */
export const SegmentFilter = z
  .object({
    attendedEventId: z.optional(Ulid),
    boughtTicketTypeId: z.optional(Ulid),
    tag: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))),
    leadStatus: z.optional(z.enum(['new', 'contacted', 'qualified', 'converted', 'disqualified'])),
    minEngagementScore: z.optional(z.int().check(z.minimum(0))),
    minLifetimeValue: z.optional(Money),
    marketingConsent: z.optional(z.boolean()),
    /** Admitted at this session's door. */
    attendedSessionId: z.optional(Ulid),
    /** Gave feedback on this event (the event or any of its sessions). */
    gaveFeedbackForEventId: z.optional(Ulid),
    /** Latest NPS answer at least / at most (promoters: min 9; detractors: max 6). */
    minNps: z.optional(z.int().check(z.minimum(0), z.maximum(10))),
    maxNps: z.optional(z.int().check(z.minimum(0), z.maximum(10))),
    /** Predicted lifetime value (the nightly fit, packages/features/lifetime-value) at least this, in its currency. */
    minPredictedValue: z.optional(Money),
    /** Probability still active (the nightly fit) at least / below (at-risk buyers: maxProbabilityActive 0.3). */
    minProbabilityActive: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
    maxProbabilityActive: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
  })
  .check(
    z.refine((f) => Object.values(f).some((v) => v !== undefined), {
      message: 'at least one criterion is required',
    }),
  )
  .register(z.globalRegistry, { id: 'SegmentFilter', description: 'Criteria a contact must all meet (AND)' });

const segmentFields = {
  name: Key,
  description: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
  filter: SegmentFilter,
};

export const CreateSegment = z.object(segmentFields).register(z.globalRegistry, { id: 'CreateSegment' });

export const UpdateSegment = z
  .partial(z.object(segmentFields))
  .register(z.globalRegistry, { id: 'UpdateSegment', description: 'A new filter rebuilds the membership' });

export const SegmentStatus = z.enum(['building', 'ready']);

export const Segment = z
  .object({
    id: Ulid,
    ...segmentFields,
    status: SegmentStatus,
    memberCount: z.int(),
    version: z.int(),
    builtAt: z.optional(IsoDateTime),
    createdBy: z.optional(z.string()),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Segment' });

export const SegmentCount = z
  .object({ count: z.int(), status: SegmentStatus, builtAt: z.nullable(IsoDateTime) })
  .register(z.globalRegistry, { id: 'SegmentCount' });

export const SegmentListQuery = ListQuery;

export type SegmentFilterInput = z.infer<typeof SegmentFilter>;
export type CreateSegmentInput = z.infer<typeof CreateSegment>;
export type UpdateSegmentInput = z.infer<typeof UpdateSegment>;
export type SegmentView = z.infer<typeof Segment>;
export type SegmentCountView = z.infer<typeof SegmentCount>;
