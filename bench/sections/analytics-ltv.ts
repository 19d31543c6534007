import { runLtvBench, type LtvBenchData } from '../lib/analytics-ltv.ts';
import type { Cleanup } from '../lib/cleanup.ts';
import { intFromEnv } from '../lib/env.ts';
import type { BenchSection } from '../lib/section.ts';

/** The LTV half of `analytics` (also runnable alone as `analytics-ltv`): BENCH_LTV_CONTACTS contacts, 100,000 by default; 0 leaves it out. */
export async function runLtvHalf(cleanup: Cleanup): Promise<{ data: LtvBenchData | null; targetsMet: boolean; errors: string[] }> {
  const contacts = intFromEnv('BENCH_LTV_CONTACTS', 100_000, 0);
  if (contacts <= 0) return { data: null, targetsMet: true, errors: [] };
  const data = await runLtvBench(contacts, cleanup);
  const errors = data.method ? [] : ['the run left no fit'];
  return { data, targetsMet: !data.scanned && data.method !== null, errors };
}

export function renderLtv(d: LtvBenchData): string {
  return [
    `${d.contacts.toLocaleString('en')} buyers over ${d.events} past events; method ${d.method} (${d.repeatBuyers.toLocaleString('en')} repeat buyers).`,
    '',
    '| figure | value |',
    '|---|---|',
    `| load (contacts, email guards, purchase summaries; BatchWriteItem) | ${(d.loadMs / 1000).toFixed(1)} s |`,
    `| job run (fit + a prediction on every contact) | ${(d.runMs / 1000).toFixed(1)} s (${d.msPer1000} ms per 1,000 contacts) |`,
    `| job RCU / WCU per contact | ${d.job.rcuPerContact} / ${d.job.wcuPerContact} (${d.job.callsPerContact} calls) |`,
    `| downstream consumers (contact.updated) RCU / WCU per contact | ${d.downstream.rcuPerContact} / ${d.downstream.wcuPerContact} (bus drained in ${(d.downstream.drainMs / 1000).toFixed(1)} s) |`,
    `| the same run again (nothing changed: no writes) | ${(d.rerun.runMs / 1000).toFixed(1)} s; RCU / WCU per contact ${d.rerun.rcuPerContact} / ${d.rerun.wcuPerContact} |`,
    `| any Scan | ${d.scanned ? 'yes' : 'no'} |`,
  ].join('\n');
}

/** The LTV half alone. */
export const analyticsLtvSection: BenchSection<LtvBenchData | null> = {
  name: 'analytics-ltv',
  title: 'Lifetime value: the nightly job over 100,000 contacts — time and RCU/WCU per contact (local stack)',
  run: (ctx) => runLtvHalf(ctx.cleanup),
  render: (d) => (d ? renderLtv(d) : 'Left out (BENCH_LTV_CONTACTS=0).'),
};
