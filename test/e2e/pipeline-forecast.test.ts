import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { eur, givenOpportunity, givenPipeline } from '../support/pipeline-fixtures.ts';

const api = useTestApi();

const stages = [
  { name: 'Ten', probability: 10 },
  { name: 'Fifty', probability: 50 },
  { name: 'Eighty', probability: 80 },
  { name: 'Won', kind: 'won' },
  { name: 'Lost', kind: 'lost' },
];

type Stage = { id: string; name: string };

/** An opportunity closing on `date`, moved to `stage` the way a user would (through the stage endpoint). */
async function deal(pipelineId: string, stage: Stage, amount: { amount: number; currency: string }, date: string, assignedTo: string) {
  const o = await givenOpportunity(api.call, { name: `${stage.name} ${amount.amount}`, pipelineId, amount, expectedCloseDate: date, assignedTo });
  if (o.stageId !== stage.id) {
    const moved = await api.call('POST', `/v1/opportunities/${o.id}/stage`, { body: { stageId: stage.id } });
    expect(moved.status).toBe(200);
  }
  return o;
}

describe('pipeline forecast', () => {
  it("comes out exactly as the issue's example: open 35,000, weighted 22,000, won 7,000, lost 9,000", async () => {
    const p = await givenPipeline(api.call, { name: 'Forecast', stages });
    const [s10, s50, s80, won, lost] = p.stages as Stage[];
    await deal(p.id, s10!, eur(10_000), '2027-01-01', 'ana'); // first day of the range
    await deal(p.id, s50!, eur(20_000), '2027-02-15', 'bo');
    await deal(p.id, s80!, eur(5_000), '2027-03-31', 'ana'); // last day of the range
    await deal(p.id, won!, eur(7_000), '2027-02-01', 'bo');
    await deal(p.id, lost!, eur(9_000), '2027-03-01', 'ana');
    // Outside the range, or in another pipeline: not counted.
    await deal(p.id, s50!, eur(1_000_000), '2026-12-31', 'ana');
    await deal(p.id, s50!, eur(1_000_000), '2027-04-01', 'bo');
    const other = await givenPipeline(api.call, { name: 'Other', stages });
    await deal(other.id, (other.stages as Stage[])[0]!, eur(1_000_000), '2027-02-01', 'ana');

    const res = await api.call('GET', `/v1/pipeline/forecast?pipelineId=${p.id}&from=2027-01-01&to=2027-03-31`, { role: 'sales' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      pipelineId: p.id,
      from: '2027-01-01',
      to: '2027-03-31',
      currency: 'EUR',
      open: 35_000,
      weighted: 22_000,
      won: 7_000,
      lost: 9_000,
      byStage: [
        { stageId: s10!.id, name: 'Ten', probability: 10, count: 1, amount: 10_000, weighted: 1_000 },
        { stageId: s50!.id, name: 'Fifty', probability: 50, count: 1, amount: 20_000, weighted: 10_000 },
        { stageId: s80!.id, name: 'Eighty', probability: 80, count: 1, amount: 5_000, weighted: 4_000 },
        { stageId: won!.id, name: 'Won', probability: 100, count: 1, amount: 7_000, weighted: 7_000 },
        { stageId: lost!.id, name: 'Lost', probability: 0, count: 1, amount: 9_000, weighted: 0 },
      ],
      byOwner: [
        { assignedTo: 'ana', open: 15_000, weighted: 5_000, won: 0, lost: 9_000 },
        { assignedTo: 'bo', open: 20_000, weighted: 17_000, won: 7_000, lost: 0 },
      ],
    });

    // Open-ended ranges take in the outliers on their side.
    const fromOnly = await api.call('GET', `/v1/pipeline/forecast?pipelineId=${p.id}&from=2027-01-01`);
    expect(fromOnly.body.open).toBe(1_035_000);
    const toOnly = await api.call('GET', `/v1/pipeline/forecast?pipelineId=${p.id}&to=2027-03-31`);
    expect(toOnly.body.open).toBe(1_035_000);
    const everything = await api.call('GET', `/v1/pipeline/forecast?pipelineId=${p.id}`);
    expect(everything.body).toMatchObject({ open: 2_035_000, weighted: 1_022_000 });
  });

  it('follows a re-weighed stage: the forecast uses the pipeline as it is now', async () => {
    const p = await givenPipeline(api.call, { name: 'Reweigh', stages });
    const s10 = (p.stages as Stage[])[0]!;
    await deal(p.id, s10, eur(10_000), '2027-05-05', 'ana');
    const keep = p.stages.map((s: Record<string, unknown>) => ({ id: s.id, name: s.name, probability: s.probability, kind: s.kind }));
    await api.call('PATCH', `/v1/pipelines/${p.id}`, { body: { stages: [{ ...keep[0], probability: 35 }, ...keep.slice(1)] } });
    const res = await api.call('GET', `/v1/pipeline/forecast?pipelineId=${p.id}&from=2027-05-01&to=2027-05-31`);
    expect(res.body).toMatchObject({ open: 10_000, weighted: 3_500 });
  });

  it('never adds currencies: 422 currency_required when they mix, else the chosen one', async () => {
    const p = await givenPipeline(api.call, { name: 'Mixed', stages });
    const [s10, s50] = p.stages as Stage[];
    await deal(p.id, s10!, eur(10_000), '2027-06-01', 'ana');
    await deal(p.id, s50!, { amount: 3_333, currency: 'USD' }, '2027-06-02', 'bo');
    const mixed = await api.call('GET', `/v1/pipeline/forecast?pipelineId=${p.id}&from=2027-06-01&to=2027-06-30`);
    expect(mixed).toMatchObject({ status: 422, body: { code: 'currency_required', currencies: ['EUR', 'USD'] } });
    const usd = await api.call('GET', `/v1/pipeline/forecast?pipelineId=${p.id}&from=2027-06-01&to=2027-06-30&currency=USD`);
    expect(usd.body).toMatchObject({ currency: 'USD', open: 3_333, weighted: 1_667, byOwner: [{ assignedTo: 'bo', open: 3_333, weighted: 1_667, won: 0, lost: 0 }] });
    const eurOnly = await api.call('GET', `/v1/pipeline/forecast?pipelineId=${p.id}&from=2027-06-01&to=2027-06-30&currency=EUR`);
    expect(eurOnly.body).toMatchObject({ currency: 'EUR', open: 10_000, weighted: 1_000 });
  });

  it('forecasts the default pipeline when none is named, and checks its query', async () => {
    const res = await api.call('GET', '/v1/pipeline/forecast?from=2030-01-01&to=2030-12-31');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ currency: null, open: 0, weighted: 0, won: 0, lost: 0, byOwner: [] });
    expect(res.body.byStage).toHaveLength(6);
    expect((await api.call('GET', '/v1/pipeline/forecast?from=2030-02-01&to=2030-01-01')).status).toBe(400);
    expect((await api.call('GET', '/v1/pipeline/forecast?pipelineId=01JD0000000000000000000000')).status).toBe(404);
  });
});
