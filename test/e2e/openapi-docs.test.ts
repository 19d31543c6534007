import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { routes } from '#packages/api/routes/index.ts';
import { useTestApi } from '../support/local-api.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const redoclyBin = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
}

/** Redocly's real linter on `document`, offline, with the repo's redocly.yaml. */
async function redoclyLint(document: unknown): Promise<LintReport> {
  const dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
  try {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const run = promisify(execFile);
    const args = [redoclyBin, 'lint', file, '--format=json', `--config=${join(repoRoot, 'redocly.yaml')}`];
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    // A lint with errors exits 1; its report is on stdout either way.
    const { stdout } = await run(process.execPath, args, { cwd: repoRoot, env, maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        if (!error.stdout) throw new Error(`redocly lint failed to run: ${error.stderr ?? String(error)}`);
        return { stdout: error.stdout };
      },
    );
    return JSON.parse(stdout) as LintReport;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const api = useTestApi();

describe('GET /openapi.json through the local HTTP API', () => {
  it('serves the document without a token, with every route of the table', async () => {
    const res = await api.call('GET', '/openapi.json', { role: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.body.openapi).toBe('3.1.0');
    // Its server is the API it came from, so "Try it out" calls this stack.
    expect(res.body.servers).toEqual([expect.objectContaining({ url: api.apiUrl })]);
    for (const route of routes) {
      expect(res.body.paths[route.path]?.[route.method.toLowerCase()]?.operationId, `${route.method} ${route.path}`).toBe(
        route.operationId,
      );
    }
  });

  it('passes the Redocly linter (recommended rules) with no errors and no warnings', async () => {
    const { body } = await api.call('GET', '/openapi.json', { role: null });
    const report = await redoclyLint(body);
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});

describe('the /docs page of the local runner', () => {
  it('is HTML that loads Swagger UI from /docs/assets and points it at /openapi.json', async () => {
    const res = await fetch(`${api.apiUrl}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain("url: '/openapi.json'");
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(2);
    // Nothing from a CDN: the page works offline.
    for (const asset of assets) expect(asset).toMatch(/^\/docs\/assets\//);
    expect(api.docsUrl).toBe(`${api.apiUrl}/docs`);
  });

  it('serves every asset the page names from the swagger-ui-dist package, with its content type', async () => {
    const html = await (await fetch(`${api.apiUrl}/docs`)).text();
    const expected: Record<string, string> = { css: 'text/css', js: 'text/javascript', png: 'image/png' };
    for (const asset of [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)) {
      const res = await fetch(`${api.apiUrl}${asset}`);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('content-type'), asset).toContain(expected[asset.split('.').pop()!]);
      expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
    const bundle = await (await fetch(`${api.apiUrl}/docs/assets/swagger-ui-bundle.js`)).text();
    expect(bundle).toContain('SwaggerUIBundle');
  });

  it('answers 404 for unknown assets and for paths out of the package', async () => {
    for (const path of [
      '/docs/assets/nope.js',
      // Real files with a served extension, outside the package: only the containment check stops them.
      '/docs/assets/..%2Fzod%2Findex.js',
      '/docs/assets/%2e%2e%2Fzod%2Findex.js',
      `/docs/assets/${encodeURIComponent(join(repoRoot, 'node_modules', 'zod', 'index.js'))}`,
      '/docs/assets/..%2F..%2F..%2Fpackage.json',
      '/docs/assets/',
      '/docs/assets/README.md',
      '/docs/assets/%E0%A4%A',
    ]) {
      const res = await fetch(`${api.apiUrl}${path}`);
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });
});
