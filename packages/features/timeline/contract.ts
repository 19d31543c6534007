import * as z from 'zod/mini';
import { IsoDateTime } from '#packages/core/common-schemas.ts';

export const TimelineItem = z
  .object({
    /** The line's own id: the interaction/note/task id, or e.g. `order.paid:<orderId>`. */
    id: z.string(),
    /** `order.paid`, `order.refunded`, `ticket.checked_in`, `interaction`, `note`, `task`, `lead.status_changed`, `opportunity.stage_changed`, … */
    kind: z.string(),
    occurredAt: IsoDateTime,
    summary: z.string(),
    /** The resource the line is about, when it has one. */
    ref: z.nullable(z.object({ type: z.string(), id: z.string() })),
    /** Kind-specific facts (amounts, ids, status). */
    data: z.record(z.string(), z.unknown()),
  })
  .register(z.globalRegistry, { id: 'TimelineItem' });

export type TimelineItemView = z.infer<typeof TimelineItem>;
