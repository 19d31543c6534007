import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaBuildOptions } from '#infra/bundling.ts';
import { repoRoot } from '#infra/paths.ts';
import { scratchDir } from './support/scratch-dir.ts';
import { renderChart, type ChartSpec } from '#packages/features/report-pages/charts.ts';

/**
 * The report pages' Lambda bundle carries ECharts and zrender with modules
 * server-side SVG rendering never runs replaced by stubs (infra/echarts-ssr.ts).
 * Bundled, charts.ts must write the very SVG it writes unbundled, for every
 * kind of chart the report pages draw.
 */
const specs: Record<string, ChartSpec> = {
  bars: { categories: ['Mon', 'Tue', 'Wed'], series: [{ name: 'Tickets', kind: 'bar', values: [3, 0, 12] }] },
  lines: {
    categories: Array.from({ length: 60 }, (_, i) => `day ${i + 1}`),
    series: [
      { name: 'Revenue', kind: 'line', values: Array.from({ length: 60 }, (_, i) => (i % 7 === 3 ? null : (i * 37) % 101)) },
      { name: 'Refunds', kind: 'line', values: Array.from({ length: 60 }, (_, i) => i % 5) },
    ],
  },
  mixed: {
    categories: ['<b>Gala</b>', 'Jazz & Blues', '"Quoted"'],
    series: [
      { name: 'Sold', kind: 'bar', values: [120, 80, null] },
      { name: 'Checked in', kind: 'line', values: [100, 75, 5] },
    ],
    width: 480,
    height: 200,
  },
  empty: { categories: [], series: [] },
};

describe('ECharts in the report pages’ Lambda bundle', () => {
  let dir: string;
  beforeAll(() => {
    dir = scratchDir('bundle-echarts');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the same SVG as the installed packages, without the stubbed modules', async () => {
    const entry = path.join(dir, 'entry.mjs');
    writeFileSync(entry, `export { renderChart } from ${JSON.stringify(path.join(repoRoot, 'packages/features/report-pages/charts.ts'))};\n`);
    const outfile = path.join(dir, 'out', 'index.mjs');
    const result = await build(lambdaBuildOptions(entry, outfile));
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.filter((input) => /node_modules\/(echarts|zrender)\//.test(input))).toEqual([]);
    expect(inputs.some((input) => input.endsWith('stubs/.generated/echarts/lib/core/echarts.js'))).toBe(true);
    // The cut: zrender's DOM event wiring is not in the bundle; the stubs are.
    const bundledSource = Object.keys(result.metafile!.outputs).map((file) => readFileSync(path.resolve(file), 'utf8')).join('\n');
    expect(bundledSource).not.toContain('__togglePointerCapture');
    expect(bundledSource).toContain('ECharts decal patterns (aria.decal) are not in this Lambda bundle');

    const bundled = (await import(pathToFileURL(outfile).href)) as { renderChart: typeof renderChart };
    for (const [name, spec] of Object.entries(specs)) {
      const [fromBundle, fromPackages] = [bundled.renderChart(spec), renderChart(spec)];
      expect(fromBundle, name).toEqual(fromPackages);
      expect(fromBundle.svg, name).toMatch(/^<svg[\s\S]*<\/svg>$/);
    }
    expect(bundled.renderChart(specs.mixed!).svg).toContain('&lt;b&gt;Gala&lt;/b&gt;');
  }, 60_000);
});
