import * as z from 'zod/mini';
import { IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';

export const FeedbackInput = z
  .object({
    /** 1–5, optional: a comment alone is feedback too. */
    rating: z.optional(z.int().check(z.minimum(1), z.maximum(5))),
    comment: z.optional(z.string().check(z.trim(), z.maxLength(5000))),
    /** 0–10, "how likely to recommend this event": the event's feedback only. */
    nps: z.optional(z.int().check(z.minimum(0), z.maximum(10))),
  })
  .register(z.globalRegistry, { id: 'FeedbackInput' });
export type FeedbackInputValue = z.infer<typeof FeedbackInput>;

export const Feedback = z
  .object({
    eventId: Ulid,
    target: z.string(),
    targetTitle: z.string(),
    rating: z.optional(z.int()),
    comment: z.optional(z.string()),
    nps: z.optional(z.int()),
    submittedAt: z.optional(IsoDateTime),
    updatedAt: z.optional(IsoDateTime),
    closesAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'Feedback' });
export type FeedbackView = z.infer<typeof Feedback>;

export const FeedbackSettings = z
  .object({ enabled: z.boolean(), closesAt: z.optional(IsoDateTime) })
  .register(z.globalRegistry, { id: 'FeedbackSettings' });

const Figures = z.object({
  responses: z.int(),
  ratings: z.int(),
  ratingAverage: z.nullable(z.number()),
  /** Count per rating, "1" … "5". */
  ratingDistribution: z.record(z.string(), z.int()),
  comments: z.int(),
});

export const FeedbackSummary = z
  .object({
    eventId: Ulid,
    event: z.extend(Figures, {
      nps: z.object({ score: z.nullable(z.int()), responses: z.int(), promoters: z.int(), passives: z.int(), detractors: z.int() }),
    }),
    sessions: z.array(z.extend(Figures, { sessionId: Ulid, title: z.string() })),
  })
  .register(z.globalRegistry, { id: 'FeedbackSummary' });

export const SessionFeedback = z
  .object({ sessionId: Ulid, title: z.string(), figures: Figures, comments: z.array(z.object({ rating: z.optional(z.int()), comment: z.string() })) })
  .register(z.globalRegistry, { id: 'SessionFeedback' });

export const FeedbackTokenParams = z.object({ token: z.string().check(z.minLength(10), z.maxLength(1024)) });
export const FeedbackLinkQuery = z.object({ target: z.string().check(z.regex(/^(event|[0-9A-HJKMNP-TV-Z]{26})$/, 'event or a session id')) });
export const FeedbackLink = z.object({ ticketId: Ulid, target: z.string(), token: z.string(), url: z.string(), expiresAt: IsoDateTime }).register(z.globalRegistry, { id: 'FeedbackLink' });
