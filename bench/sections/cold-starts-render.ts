import { passFail, table } from '../lib/markdown.ts';
import { layoutNames, type ColdStartsData } from './cold-starts.ts';

const pct = (n: number) => `${n.toFixed(2)} %`;

export function renderColdStarts(data: ColdStartsData): string {
  const { model, goal } = data;
  const atGoal = data.rows.find((r) => r.perDay === goal.perDay && r.evictionMinutes === goal.evictionMinutes);
  const goalCell = atGoal?.layouts[goal.layout];
  const named = Object.entries(model.popularity.named)
    .map(([key, r]) => `\`${key}\` ${Math.round(r.share * 1000) / 10} % (${r.class}, ${r.durationMs} ms)`)
    .join(', ');
  return [
    `Goal: the layout ${goal.layout} at ${goal.perDay.toLocaleString('en-US')} requests a day with ${goal.evictionMinutes}-minute eviction ` +
      `sends ≤ ${goal.maxColdPercent} % of requests to a cold function: ${goalCell ? pct(goalCell.coldPercent) : '—'} ` +
      `${passFail(goalCell ? goalCell.coldPercent <= goal.maxColdPercent : null)}.`,
    '',
    table(
      ['Requests/day', 'Eviction', ...layoutNames.map((n) => `${n}: cold % (functions)`), 'Mix per day (storefront / door / webhook / staff)'],
      data.rows.map((r) => [
        r.perDay.toLocaleString('en-US'),
        `${r.evictionMinutes} min`,
        ...layoutNames.map((n) => `${pct(r.layouts[n].coldPercent)} (${r.layouts[n].functions})`),
        `${r.byClass.storefront} / ${r.byClass.door} / ${r.byClass.webhook} / ${r.byClass.staff}`,
      ]),
      ['r', 'r', 'r', 'r', 'r'],
    ),
    '',
    `Where the cold starts of the layout ${goal.layout} fall at ${goal.perDay.toLocaleString('en-US')}/day, ${goal.evictionMinutes} min ` +
      `(over ${model.days} days):`,
    '',
    table(
      ['Function', 'Requests', 'Cold', 'Cold %', 'Most instances at once'],
      data.breakdown.map((b) => [`\`${b.function}\``, b.requests, b.cold, pct(b.coldPercent), b.maxInstances]),
      ['l', 'r', 'r', 'r', 'r'],
    ),
    '',
    '**Model** (bench/lib/cold-start/: `traffic.ts` makes the requests, `simulate.ts` replays them; unit test in test/unit/cold-start-simulator.test.ts). ' +
      `${model.days} consecutive synthetic days (seeded RNG mulberry32, seed ${model.seed}); instances carry over midnight. ` +
      `Route popularity: ${named}; each storefront order brings one Stripe webhook ${model.popularity.webhook.delayMs[0] / 1000} s–` +
      `${model.popularity.webhook.delayMs[1] / 60_000} min later (${model.popularity.webhook.durationMs} ms); every other route ("staff") shares ` +
      `${model.popularity.staffShare * 100} % with a Zipf(${model.popularity.zipfExponent}) skew over a seeded shuffle (${model.popularity.staffDurationMs} ms). ` +
      'Arrivals: per class, independent draws from an hourly diurnal curve (storefront: daytime with an evening peak; door: 18:00–02:00; staff: office hours). ' +
      `Instances: ${model.concurrency}; a cold request is busy ${model.initMs} ms longer (init). ` +
      'Layouts: *per route* = one function per route; *per feature* = infra/http-layout.ts without `ownFunction`; *as built* = what CDK deploys. ' +
      'Not modelled: Lambda’s own variation in eviction, provisioned concurrency, retries, health checks keeping a function warm.',
  ].join('\n');
}
