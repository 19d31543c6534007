import * as z from 'zod/mini';
import { STAGE_KINDS } from '#packages/core/db/entities/pipeline.ts';
import { IsoDateTime, ListQuery, Money, Timestamps, Revision, Ulid } from '#packages/core/common-schemas.ts';

/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.iso.date();

const UserId = z.string().check(z.trim(), z.minLength(1), z.maxLength(128));
const StageId = z.string().check(z.minLength(1), z.maxLength(40));
const OpportunityName = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));

export const CreateOpportunity = z
  .object({
    name: OpportunityName,
    contactId: z.optional(Ulid),
    companyId: z.optional(Ulid),
    /** Default: the default pipeline. */
    pipelineId: z.optional(Ulid),
    /** Default: the pipeline's first stage. */
    stageId: z.optional(StageId),
    amount: Money,
    expectedCloseDate: IsoDate,
    /** Default: the caller. */
    assignedTo: z.optional(UserId),
  })
  .register(z.globalRegistry, { id: 'CreateOpportunity' });

/** A new `stageId` (or `pipelineId`, which defaults the stage to its first) is a recorded stage change; `null` unassigns. */
export const UpdateOpportunity = z
  .object({
    name: z.optional(OpportunityName),
    contactId: z.optional(Ulid),
    companyId: z.optional(Ulid),
    pipelineId: z.optional(Ulid),
    stageId: z.optional(StageId),
    amount: z.optional(Money),
    expectedCloseDate: z.optional(IsoDate),
    assignedTo: z.optional(z.nullable(UserId)),
  })
  .register(z.globalRegistry, { id: 'UpdateOpportunity' });

export const MoveOpportunityStage = z.object({ stageId: StageId }).register(z.globalRegistry, { id: 'MoveOpportunityStage' });

export const Opportunity = z
  .object({
    id: Ulid,
    name: z.string(),
    contactId: z.optional(Ulid),
    companyId: z.optional(Ulid),
    pipelineId: Ulid,
    stageId: z.string(),
    /** The kind of its stage. */
    status: z.enum(STAGE_KINDS),
    amount: Money,
    expectedCloseDate: z.string(),
    assignedTo: z.optional(z.string()),
    /** The lead it was converted from. */
    leadId: z.optional(Ulid),
    closedAt: z.optional(IsoDateTime),
    createdBy: z.optional(z.string()),
    ...Timestamps,
    ...Revision,
  })
  .register(z.globalRegistry, { id: 'Opportunity' });

export const StageChange = z
  .object({
    id: Ulid,
    opportunityId: Ulid,
    pipelineId: Ulid,
    /** null for the first placement (the opportunity's creation). */
    from: z.nullable(z.object({ stageId: z.string(), name: z.string() })),
    to: z.object({ stageId: z.string(), name: z.string() }),
    at: IsoDateTime,
    by: z.string(),
  })
  .register(z.globalRegistry, { id: 'StageChange' });

/** At most one of pipelineId, contactId, assignedTo (`me` = the caller): each is its own index. */
export const OpportunityListQuery = z
  .extend(ListQuery, {
    pipelineId: z.optional(Ulid),
    contactId: z.optional(Ulid),
    assignedTo: z.optional(UserId),
  })
  .check(
    z.refine((q) => [q.pipelineId, q.contactId, q.assignedTo].filter((v) => v !== undefined).length <= 1, {
      message: 'filter by one of pipelineId, contactId or assignedTo at a time',
      path: ['pipelineId'],
    }),
  );

export type CreateOpportunityInput = z.infer<typeof CreateOpportunity>;
export type UpdateOpportunityInput = z.infer<typeof UpdateOpportunity>;
export type OpportunityView = z.infer<typeof Opportunity>;
export type StageChangeView = z.infer<typeof StageChange>;
export type OpportunityFilter = z.infer<typeof OpportunityListQuery>;
