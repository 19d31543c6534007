import { runLtvBench, type LtvBenchData } from '../lib/analytics-ltv.ts';
import { intFromEnv } from '../lib/env.ts';
import type { BenchSection } from '../lib/section.ts';

/** The lifetime-value job over BENCH_LTV_CONTACTS contacts (100,000 by default); the lead folds it into `analytics`. */
export const analyticsLtvSection: BenchSection<LtvBenchData> = {
  name: 'analytics-ltv',
  title: 'Lifetime value: the nightly job over 100,000 contacts — time and RCU/WCU per contact (local stack)',
  async run(ctx) {
    const data = await runLtvBench(intFromEnv('BENCH_LTV_CONTACTS', 100_000), ctx.cleanup);
    const errors = data.method ? [] : ['the run left no fit'];
    return { data, targetsMet: !data.scanned && data.method !== null, errors };
  },
  render(d) {
    return [
      `${d.contacts.toLocaleString('en')} buyers over ${d.events} past events; method ${d.method} (${d.repeatBuyers.toLocaleString('en')} repeat buyers).`,
      '',
      '| figure | value |',
      '|---|---|',
      `| load (contacts, email guards, purchase summaries) | ${(d.loadMs / 1000).toFixed(1)} s |`,
      `| job run (fit + a prediction on every contact) | ${(d.runMs / 1000).toFixed(1)} s (${d.msPer1000} ms per 1,000 contacts) |`,
      `| job RCU / WCU per contact | ${d.job.rcuPerContact} / ${d.job.wcuPerContact} (${d.job.callsPerContact} calls) |`,
      `| downstream consumers (contact.updated) RCU / WCU per contact | ${d.downstream.rcuPerContact} / ${d.downstream.wcuPerContact} (bus drained in ${(d.downstream.drainMs / 1000).toFixed(1)} s) |`,
      `| the same run again (nothing changed: no writes) | ${(d.rerun.runMs / 1000).toFixed(1)} s; RCU / WCU per contact ${d.rerun.rcuPerContact} / ${d.rerun.wcuPerContact} |`,
      `| any Scan | ${d.scanned ? 'yes' : 'no'} |`,
    ].join('\n');
  },
};
