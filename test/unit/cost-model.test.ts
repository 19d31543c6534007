import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { monthlyCost, scenarios, stacks } from '../../bench/cost/model.ts';
import { costPagePath, renderCostPage } from '../../bench/cost/render.ts';

/** docs/cost.md is the model's output (issue 18, item 9), and the model says what the issue asks of the idle floor. */
describe('the per-tenant cost model', () => {
  const idle = scenarios.find((s) => s.name === 'Idle stack')!;

  it('docs/cost.md is what bench/cost/render.ts generates (npx tsx bench/cost/render.ts --write)', () => {
    expect(readFileSync(costPagePath, 'utf8')).toBe(renderCostPage());
  });

  it('puts the idle floor under $1 as built (one secret, the signing keys in SSM, X-Ray off); three secrets alone are over it', () => {
    expect(monthlyCost(idle, stacks.asBuilt).total).toBeLessThan(1);
    expect(monthlyCost(idle, stacks.threeSecrets).total).toBeGreaterThan(1.2);
    // Tracing every job tick was most of the floor before.
    expect(monthlyCost(idle, stacks.beforeIssue18).total - monthlyCost(idle, stacks.threeSecrets).total).toBeGreaterThan(1);
  });

  it('grows with use: the CRM costs more than the festival, which costs more than an idle stack', () => {
    const [festival, crm] = scenarios.map((s) => monthlyCost(s, stacks.asBuilt).total);
    expect(crm!).toBeGreaterThan(festival!);
    expect(festival!).toBeGreaterThan(monthlyCost(idle, stacks.asBuilt).total);
  });
});
