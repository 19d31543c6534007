import { describe, expect, it } from 'vitest';
import { forecastOf, weightedAmount, type ForecastOpportunity } from '#packages/features/opportunities/forecast.ts';
import { dayAfter } from '#packages/features/opportunities/forecast-query.ts';
import type { Stage } from '#packages/features/pipelines/stages.ts';

const stages: Stage[] = [
  { stageId: 's10', name: 'Ten', probability: 10, kind: 'open' },
  { stageId: 's50', name: 'Fifty', probability: 50, kind: 'open' },
  { stageId: 's80', name: 'Eighty', probability: 80, kind: 'open' },
  { stageId: 'won', name: 'Won', probability: 100, kind: 'won' },
  { stageId: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
];

const opp = (stageId: string, amount: number, assignedTo?: string): ForecastOpportunity => ({ stageId, amount: { amount, currency: 'EUR' }, assignedTo });

describe('forecast arithmetic', () => {
  it("comes out exactly as the issue's example: open 35,000, weighted 22,000", () => {
    const result = forecastOf(stages, [opp('s10', 10_000, 'ana'), opp('s50', 20_000, 'bo'), opp('s80', 5_000, 'ana'), opp('won', 7_000, 'bo'), opp('lost', 9_000, 'ana')]);
    expect(result).toMatchObject({ open: 35_000, weighted: 22_000, won: 7_000, lost: 9_000 });
    expect(result.byStage).toEqual([
      { stageId: 's10', name: 'Ten', probability: 10, count: 1, amount: 10_000, weighted: 1_000 },
      { stageId: 's50', name: 'Fifty', probability: 50, count: 1, amount: 20_000, weighted: 10_000 },
      { stageId: 's80', name: 'Eighty', probability: 80, count: 1, amount: 5_000, weighted: 4_000 },
      { stageId: 'won', name: 'Won', probability: 100, count: 1, amount: 7_000, weighted: 7_000 },
      { stageId: 'lost', name: 'Lost', probability: 0, count: 1, amount: 9_000, weighted: 0 },
    ]);
    expect(result.byOwner).toEqual([
      { assignedTo: 'ana', open: 15_000, weighted: 5_000, won: 0, lost: 9_000 },
      { assignedTo: 'bo', open: 20_000, weighted: 17_000, won: 7_000, lost: 0 },
    ]);
  });

  it('rounds half up once per opportunity, so the lines add up to the total', () => {
    expect(weightedAmount(1, 50)).toBe(1); // 0.5 → 1
    expect(weightedAmount(1, 49)).toBe(0); // 0.49 → 0
    expect(weightedAmount(333, 25)).toBe(83); // 83.25 → 83
    expect(weightedAmount(334, 25)).toBe(84); // 83.5 → 84
    const result = forecastOf(stages, [opp('s50', 1, 'a'), opp('s50', 1, 'b'), opp('s50', 1)]);
    expect(result.weighted).toBe(3); // 3 × round(0.5), not round(1.5) = 2
    expect(result.byOwner.reduce((s, o) => s + o.weighted, 0)).toBe(3);
    expect(result.byOwner.at(-1)?.assignedTo).toBeNull();
  });

  it('counts won at 100 % and lost at 0 % whatever the stage says, and lists empty stages', () => {
    const odd: Stage[] = [{ stageId: 'o', name: 'Open', probability: 40, kind: 'open' }, { ...stages[3]!, probability: 20 }, { ...stages[4]!, probability: 90 }];
    const result = forecastOf(odd, [opp('won', 1_000), opp('lost', 1_000)]);
    expect(result).toMatchObject({ open: 0, weighted: 1_000, won: 1_000, lost: 1_000 });
    expect(result.byStage[0]).toMatchObject({ stageId: 'o', count: 0, amount: 0 });
  });

  it('is exact for large amounts (integer arithmetic)', () => {
    expect(weightedAmount(999_999_999_999, 33)).toBe(330_000_000_000); // 329,999,999,999.67 → up
  });

  it('bounds a date range by the next day', () => {
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
  });
});
