import { passFail, table, type Cell } from '../lib/markdown.ts';
import type { BundleRow, BundlesData } from './bundles.ts';

const kib = (bytes: number | null) => (bytes === null ? null : (bytes / 1024).toFixed(1));
const bytes = (n: number | null) => (n === null ? null : n.toLocaleString('en-US'));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Headroom matters as much as pass/fail: a bundle at 97% of the limit fails with the next dependency. */
const sizeCell = (r: BundleRow, maxBytes: number) =>
  r.pass.size === null || r.bytes === null ? passFail(r.pass.size) : `${passFail(r.pass.size)} (${Math.round((r.bytes / maxBytes) * 100)}%)`;

function row(r: BundleRow, maxBytes: number): Cell[] {
  const name = r.kind === 'reference' ? `_reference: ${r.name}_` : `\`${r.name}\``;
  return [
    name,
    r.kind,
    r.kind === 'http' ? r.triggers.length : null,
    bytes(r.bytes),
    kib(r.bytes),
    r.coldImportMs?.median,
    r.referenceMs?.median,
    r.ratio ? `${r.ratio.median.toFixed(2)}×` : null,
    r.ratio ? `${r.ratio.min.toFixed(2)}–${r.ratio.max.toFixed(2)}` : null,
    r.heaviestFirstLoad ? `\`${r.heaviestFirstLoad.source.replace(/^(packages\/features\/|functions\/consumers\/)/, '')}\` (+${kib(r.heaviestFirstLoad.bytes)} KiB, 1 of ${r.heaviestFirstLoad.loads})` : null,
    r.heaviestFirstLoad ? r.heaviestFirstLoad.ms.median : null,
    r.heaviestFirstLoad ? `${r.heaviestFirstLoad.ratio.median.toFixed(2)}×` : null,
    sizeCell(r, maxBytes),
    passFail(r.pass.coldImport),
    r.error ? `**ERROR**: ${r.error}` : passFail(r.pass.overall),
  ];
}

function contributors(rows: BundleRow[]): string {
  return table(
    ['Bundle', 'Largest parts (bytes in output)'],
    rows.map((r) => [`\`${r.name}\``, r.topContributors.map((c) => `${c.name} ${kib(c.bytes)} KiB`).join(', ')]),
  );
}

function synthLines(data: BundlesData): string[] {
  const { synth, targets, layout } = data;
  const lines = [
    `Functions per tenant (target ≤ ${targets.maxFunctionsPerTenant}): **${layout.total}** = ${layout.http} HTTP (one per feature, plus routes with \`ownFunction\`) + ` +
      `${layout.consumers} consumer functions (one per consumer group) + ${layout.jobs} jobs; one function per route handler and per consumer would be ${layout.perRouteBefore}. ` +
      passFail(layout.total <= targets.maxFunctionsPerTenant),
    '',
  ];
  if (synth === null) return [...lines, '`cdk synth` not timed (BENCH_SKIP_SYNTH=1).', ''];
  if ('error' in synth) return [...lines, `\`cdk synth\` failed: ${synth.error}`, ''];
  const load = synth.loadAverage;
  return [
    ...lines,
    table(
      ['Command', 'Wall time', 'Target', 'CPU time (user + sys, all processes)', 'Load avg (1 min) before → after; mean / max while running', 'Functions', 'Resources', 'Templates', 'Bundled assets (largest)'],
      [
        [
          `\`${synth.command}\` (bundling on)`,
          seconds(synth.wallMs),
          `≤ ${seconds(targets.maxSynthMs)}: ${passFail(synth.wallMs <= targets.maxSynthMs)}`,
          synth.cpuSeconds === null ? null : `${synth.cpuSeconds.toFixed(1)} s`,
          `${load.before} → ${load.after}; ${load.mean} / ${load.max} on ${synth.cores} cores`,
          synth.functions,
          synth.resources,
          `${synth.templates} (1 + ${synth.templates - 1} nested)`,
          `${synth.assets.count} (${kib(synth.assets.maxBytes)} KiB)`,
        ],
      ],
    ),
    '',
  ];
}

function blockLines(data: BundlesData): string[] {
  if (!data.buildingBlocks?.length) return [];
  const coreDb = data.buildingBlocks.find((b) => b.name === 'core-db');
  return [
    'What a cold import is made of: pieces the functions load, each bundled alone and timed against the same reference ' +
      '(no target; a function pays roughly the sum of its pieces, shared code once).',
    '',
    table(
      ['Piece', 'What', 'Bytes', 'Import median (ms)', '× reference'],
      data.buildingBlocks.map((b) => [
        `\`${b.name}\``,
        b.what,
        bytes(b.bytes),
        b.error ? `**ERROR** ${b.error}` : b.coldImportMs?.median,
        b.ratio ? `${b.ratio.median.toFixed(2)}×` : null,
      ]),
      ['l', 'l', 'r', 'r', 'r'],
    ),
    '',
    ...data.buildingBlocks
      .filter((b) => b.firstCall)
      .flatMap((b) => [
        `Moved out of the import, paid by a cold instance's first request instead: \`${b.name}\` ${b.firstCall!.what}: ` +
          `median ${b.firstCall!.first.median} ms (${b.firstCall!.first.min}–${b.firstCall!.first.max} ms, ${b.firstCall!.first.runs} fresh processes); ` +
          `the second call ${b.firstCall!.second.median} ms.`,
        '',
      ]),
    ...(coreDb?.ratio && data.functions.some((f) => f.pass.coldImport === false)
      ? [
          `\`core-db\` alone is ${coreDb.ratio.median.toFixed(2)}× the reference: what every function imports before its own code ` +
            '(ElectroDB is not in it: its side file loads on the first db() call).',
          '',
        ]
      : []),
  ];
}

function leverLines(data: BundlesData): string[] {
  if (!data.stripeLevers.length) return [];
  return [
    'What moves the size of `orders/create` (the largest, with the Stripe SDK): the same entry, one option changed at a time.',
    '',
    table(
      ['Variant', 'Bytes', 'Δ vs deployed', 'of which stripe'],
      data.stripeLevers.map((l) => [
        l.variant,
        l.error ? `**ERROR** ${l.error}` : bytes(l.bytes),
        l.error ? null : `${l.delta > 0 ? '+' : ''}${l.delta.toLocaleString('en-US')}`,
        l.error ? null : bytes(l.stripeBytes),
      ]),
      ['l', 'r', 'r', 'r'],
    ),
    '',
    'Stripe itself is ~240 KiB minified whatever the entry: its client registers every API resource class when it is built, so nothing of ' +
      '`resources/` tree-shakes, and it ships no locale data to drop. The locale-like data in these bundles is libphonenumber-js’s metadata ' +
      '(~118 KiB, every country: the CRM stores any phone number). The lever that pays is outside Stripe: the SDK’s default credential chain, ' +
      'cut to the environment credentials Lambda always provides (infra/stubs/credential-provider-node.mjs).',
    '',
  ];
}

export function renderBundles(data: BundlesData): string {
  const { targets, method } = data;
  const misses = data.functions.filter((r) => r.pass.overall === false);
  const largest = [...data.functions].sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0))[0];
  const judged = (r: BundleRow) => (r.heaviestFirstLoad?.ratio ?? r.ratio)?.median ?? 0;
  const maxRatio = [...data.functions].sort((a, b) => judged(b) - judged(a))[0];
  return [
    ...synthLines(data),
    `Targets for every function: bundle ≤ ${targets.maxBytes.toLocaleString('en-US')} bytes (${targets.maxBytesUnit}); ` +
      `cold import ≤ ${targets.maxColdImportRatio}× the bare-SDK reference (median of the per-pair ratios; for a dispatcher, its import plus its heaviest route's or consumer's first load).`,
    '',
    `Method: esbuild ${method.esbuild} with ${method.options}; ${method.coldImport}; ${method.runsPerBundle} pairs per bundle, none discarded.`,
    '',
    `Largest bundle: \`${largest?.name}\` ${bytes(largest?.bytes ?? null)} bytes; highest judged cold-import ratio: \`${maxRatio?.name}\` ${maxRatio ? judged(maxRatio).toFixed(2) : '—'}×.`,
    '',
    table(
      [
        'Function', 'Kind', 'Routes', 'Bytes', 'KiB', 'Import median (ms)', 'Reference median (ms)', '× reference', 'ratio min–max',
        'Heaviest route or consumer (loaded on first use)', 'Import + it (ms)', '× reference (judged)', 'Size (% of limit)', 'Cold import', 'Result',
      ],
      [row(data.reference, targets.maxBytes), ...data.functions.map((r) => row(r, targets.maxBytes))],
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l', 'r', 'r'],
    ),
    '',
    misses.length
      ? `${misses.length} of ${data.functions.length} functions miss a target. What fills the largest bundle, next to the reference ` +
        '(every bundle: `topContributors` in results.json; esbuild metafiles: `.bench-tmp/bundles/**/*.meta.json`):'
      : 'All functions meet their targets. What fills the largest bundle, next to the reference:',
    '',
    contributors(largest ? [data.reference, largest] : [data.reference]),
    '',
    ...blockLines(data),
    ...leverLines(data),
  ]
    .join('\n')
    .trimEnd();
}
