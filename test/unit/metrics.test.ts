import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { count, flushMetrics, METRICS_NAMESPACE, resetMetricsForTests, withMetrics } from '#packages/core/metrics.ts';

/**
 * The business counts come out as CloudWatch Embedded Metric Format lines on
 * stdout (what CloudWatch Logs turns into metrics): one per invocation for the
 * plain counts, one per count with a reason, none when nothing was counted,
 * and none at all while POWERTOOLS_METRICS_DISABLED is set (the local stack).
 */
let lines: string[];
const saved = { ...process.env };

beforeEach(() => {
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  delete process.env.POWERTOOLS_DEV;
  process.env.EVENTOS_TENANT = 'acme';
  resetMetricsForTests();
});

afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...saved };
  resetMetricsForTests();
});

const emf = () => lines.map((line) => JSON.parse(line) as Record<string, any>);

describe('business metrics (packages/core/metrics.ts)', () => {
  it('flushes the invocation’s counts as one EMF line with the namespace and the tenant dimension', async () => {
    await withMetrics(async () => {
      count('OrdersCreated');
      count('OrdersCreated');
      count('OrdersPaid', { value: 3 });
    });
    expect(lines).toHaveLength(1);
    const [line] = emf();
    const directive = line!._aws.CloudWatchMetrics[0];
    expect(directive.Namespace).toBe(METRICS_NAMESPACE);
    expect(directive.Dimensions[0]).toContain('tenant');
    expect(directive.Metrics.map((m: { Name: string }) => m.Name).sort()).toEqual(['OrdersCreated', 'OrdersPaid']);
    expect(line!.tenant).toBe('acme');
    // Each count is one value; CloudWatch sums a metric's values.
    const total = (value: number | number[]) => [value].flat().reduce((a, b) => a + b, 0);
    expect(total(line!.OrdersCreated)).toBe(2);
    expect(total(line!.OrdersPaid)).toBe(3);
  });

  it('writes a count with a reason as its own line, split by that reason', async () => {
    await withMetrics(async () => {
      count('ScansRefused', { reason: 'already_used' });
      count('ScansAdmitted');
    });
    const refused = emf().find((l) => 'ScansRefused' in l)!;
    expect(refused.reason).toBe('already_used');
    expect(refused._aws.CloudWatchMetrics[0].Dimensions[0]).toEqual(expect.arrayContaining(['tenant', 'reason']));
    expect(emf().find((l) => 'ScansAdmitted' in l)).not.toHaveProperty('reason');
  });

  it('flushes even when the invocation throws, and writes nothing (no warning either) when nothing was counted', async () => {
    await expect(
      withMetrics(async () => {
        count('SoldOutRefusals');
        throw new Error('sold out');
      }),
    ).rejects.toThrow('sold out');
    expect(emf()[0]!.SoldOutRefusals).toBe(1);
    lines = [];
    await withMetrics(async () => undefined);
    flushMetrics();
    expect(lines).toEqual([]);
  });

  it('writes nothing while POWERTOOLS_METRICS_DISABLED is set, as the local stack sets it', async () => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    resetMetricsForTests();
    await withMetrics(async () => count('EmailsSent'));
    expect(lines).toEqual([]);
  });
});
