import * as z from 'zod/mini';
import { IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';

export const LtvMethod = z.enum(['bg-bb', 'bg-nbd', 'rfm']);

/** What a contact carries (`predictedLifetimeValue` on GET /v1/contacts/{id}); amounts in minor units. */
export const PredictedLifetimeValue = z
  .object({
    method: LtvMethod,
    probabilityActive: z.number(),
    expectedPurchases12m: z.number(),
    predictedValue: z.object({ amount: z.int(), currency: z.string(), low: z.int(), high: z.int() }),
    fittedAt: IsoDateTime,
  })
  .register(z.globalRegistry, {
    id: 'PredictedLifetimeValue',
    description: 'The last lifetime-value run’s figures for the contact; low/high: 5th–95th percentile over the fit’s parameter uncertainty (±50 % under RFM)',
  });

export const LtvRun = z
  .object({
    runId: Ulid,
    status: z.enum(['running', 'done']),
    trigger: z.enum(['schedule', 'request']),
    prefer: z.optional(z.enum(['bg-bb', 'bg-nbd'])),
    requestedAt: IsoDateTime,
    finishedAt: z.optional(IsoDateTime),
    scored: z.int(),
  })
  .register(z.globalRegistry, { id: 'LtvRun' });

export const LtvModel = z
  .object({
    method: z.nullable(LtvMethod),
    reason: z.nullable(z.string()),
    params: z.nullable(z.record(z.string(), z.number())),
    spendModel: z.nullable(z.enum(['gamma-gamma', 'mean-order-value'])),
    spendParams: z.nullable(z.record(z.string(), z.number())),
    spendFrequencyCorrelation: z.nullable(z.number()),
    buyers: z.int(),
    repeatBuyers: z.int(),
    logLikelihood: z.nullable(z.number()),
    fittedAt: z.nullable(IsoDateTime),
    run: z.nullable(LtvRun),
  })
  .register(z.globalRegistry, { id: 'LtvModel', description: 'The last fit (null fields before the first) and the current or last run' });

export const StartLtvRun = z
  .object({
    /** Force a purchase model; by default BG/BB with 3 or more past events, BG/NBD below, RFM below 30 repeat buyers. */
    model: z.optional(z.enum(['bg-bb', 'bg-nbd'])),
  })
  .register(z.globalRegistry, { id: 'StartLtvRun' });

export type LtvModelView = z.infer<typeof LtvModel>;
export type LtvRunView = z.infer<typeof LtvRun>;
export type PredictedLifetimeValueView = z.infer<typeof PredictedLifetimeValue>;
