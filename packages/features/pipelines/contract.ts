import * as z from 'zod/mini';
import { STAGE_KINDS } from '#packages/core/db/entities/pipeline.ts';
import { Currency, ListQuery, Timestamps, Ulid } from '#packages/core/common-schemas.ts';
import { IsoDate } from '#packages/features/opportunities/contract.ts';

const StageName = z.string().check(z.trim(), z.minLength(1), z.maxLength(60));
const Probability = z.int().check(z.minimum(0), z.maximum(100));

const StageInput = z.object({
  /** An existing stage's id, to keep it when changing a pipeline; new stages have none. */
  id: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  name: StageName,
  /** Required for open stages; won is always 100 and lost 0. */
  probability: z.optional(Probability),
  kind: z.optional(z.enum(STAGE_KINDS)),
});

const Stages = z.array(StageInput).check(z.minLength(3), z.maxLength(20));
const PipelineName = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

/** Stages in order; exactly one `won` and one `lost` stage, at least one `open`, unique names. */
export const CreatePipeline = z.object({ name: PipelineName, stages: Stages }).register(z.globalRegistry, { id: 'CreatePipeline' });

/** `stages` replaces the list: keep every existing stage (by `id`, same kind); rename, reorder, re-weigh or add. */
export const UpdatePipeline = z
  .object({ name: z.optional(PipelineName), stages: z.optional(Stages) })
  .register(z.globalRegistry, { id: 'UpdatePipeline' });

export const Stage = z
  .object({ id: z.string(), name: z.string(), probability: z.int(), kind: z.enum(STAGE_KINDS) })
  .register(z.globalRegistry, { id: 'Stage' });

export const Pipeline = z
  .object({
    id: Ulid,
    name: z.string(),
    stages: z.array(Stage),
    isDefault: z.boolean(),
    createdBy: z.optional(z.string()),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Pipeline' });

export const PipelineListQuery = ListQuery;

export const ForecastQuery = z.object({
  /** Inclusive, on expectedCloseDate; open-ended when left out. */
  from: z.optional(IsoDate),
  to: z.optional(IsoDate),
  /** Default: the default pipeline. */
  pipelineId: z.optional(Ulid),
  /** Required when the opportunities in range have more than one currency. */
  currency: z.optional(Currency),
}).check(
  z.refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'must not be before from', path: ['to'] }),
);

const Amount = z.int();

export const Forecast = z
  .object({
    pipelineId: Ulid,
    from: z.nullable(z.string()),
    to: z.nullable(z.string()),
    /** The currency of every amount below (minor units); null when no opportunity is in range. */
    currency: z.nullable(z.string()),
    /** Amount in open stages. */
    open: Amount,
    /** Σ amount × probability / 100 over open and won stages (won at 100 %), rounded half up per opportunity. */
    weighted: Amount,
    won: Amount,
    lost: Amount,
    byStage: z.array(
      z.object({ stageId: z.string(), name: z.string(), probability: z.int(), count: z.int(), amount: Amount, weighted: Amount }),
    ),
    byOwner: z.array(
      z.object({ assignedTo: z.nullable(z.string()), open: Amount, weighted: Amount, won: Amount, lost: Amount }),
    ),
  })
  .register(z.globalRegistry, { id: 'Forecast' });

export type CreatePipelineInput = z.infer<typeof CreatePipeline>;
export type UpdatePipelineInput = z.infer<typeof UpdatePipeline>;
export type PipelineView = z.infer<typeof Pipeline>;
export type ForecastInput = z.infer<typeof ForecastQuery>;
export type ForecastView = z.infer<typeof Forecast>;
