import type { ForecastInput, ForecastView } from '#packages/features/pipelines/contract.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { unprocessable } from '#packages/core/errors.ts';
import { pipelineOrDefault } from '#packages/features/pipelines/index.ts';
import { forecastOf } from './forecast.ts';
import type { OpportunityItem } from './opportunity-view.ts';

/** The day after a YYYY-MM-DD date (UTC calendar arithmetic). */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The opportunities of a pipeline whose expectedCloseDate is in [from, to]:
 * ONE Query of `byPipelineClose` (pk pipelineId, sk expectedCloseDate then
 * id), all pages. The sort key is `…#expectedclosedate_<date>#opportunityid_<id>`,
 * so the bounds are `…_<from>` and `…_<to + 1 day>` (exclusive): every id of
 * the last day sorts below the next day's bare prefix.
 */
async function opportunitiesClosing(pipelineId: string, from: string | undefined, to: string | undefined): Promise<OpportunityItem[]> {
  const query = db().entities.opportunity.query.byPipelineClose({ pipelineId });
  const ranged =
    from !== undefined && to !== undefined
      ? query.between({ expectedCloseDate: from }, { expectedCloseDate: dayAfter(to) })
      : from !== undefined
        ? query.gte({ expectedCloseDate: from })
        : to !== undefined
          ? query.lt({ expectedCloseDate: dayAfter(to) })
          : query;
  const { data } = await ranged.go({ pages: 'all' });
  return data;
}

/**
 * `GET /v1/pipeline/forecast`. Amounts of different currencies are never
 * added: with `currency`, only that currency counts; without it, the
 * opportunities in range must share one (else 422 `currency_required`).
 */
export async function forecast(input: ForecastInput, ctx: RequestContext): Promise<ForecastView> {
  const pipeline = await pipelineOrDefault(input.pipelineId, ctx);
  const inRange = await opportunitiesClosing(pipeline.pipelineId, input.from, input.to);
  const currencies = [...new Set(inRange.map((o) => o.amount.currency))].sort();
  if (input.currency === undefined && currencies.length > 1) {
    throw unprocessable('currency_required', `The opportunities in range are in ${currencies.join(', ')}; choose one with ?currency=`, { currencies });
  }
  const currency = input.currency ?? currencies[0] ?? null;
  const counted = inRange.filter((o) => o.amount.currency === currency);
  return {
    pipelineId: pipeline.pipelineId,
    from: input.from ?? null,
    to: input.to ?? null,
    currency,
    ...forecastOf(pipeline.stages, counted),
  };
}
