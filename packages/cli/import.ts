/**
 * `npm run import -- contacts people.csv --match email [--dry-run]`: a CSV
 * import through the HTTP API, with a progress bar, against the local stack
 * (`npm start`; a dev token is fetched for you) or a deployed API
 * (`--url https://… --token …`, or EVENTOS_API_URL / EVENTOS_TOKEN). Uses only
 * the public API: the same routes a browser would call.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { Listr } from 'listr2';

interface Options {
  match: 'email' | 'externalId' | 'phone';
  onConflict: 'create' | 'update' | 'upsert' | 'skip';
  emptyCells: 'ignore' | 'clear';
  dryRun?: boolean;
  mapping?: string;
  consentPurpose?: string;
  consentBasis?: string;
  url: string;
  token?: string;
  failedOut?: string;
}

interface Ctx {
  csv: string;
  token: string;
  mapping?: Record<string, string | null>;
  importId?: string;
  final?: Record<string, unknown>;
  dry?: { rows: { line: number; outcome: string; reason?: string }[] } & Record<string, unknown>;
}

const program = new Command()
  .name('import')
  .description('Import a CSV file into EventOS through its HTTP API')
  .argument('<resource>', 'what the rows are (contacts)')
  .argument('<file>', 'the CSV file, header row first, at most 5 MB')
  .addOption(new Option('--match <key>', 'how a row finds its contact').choices(['email', 'externalId', 'phone']).default('email'))
  .addOption(new Option('--on-conflict <mode>', 'rows whose contact exists / does not').choices(['create', 'update', 'upsert', 'skip']).default('upsert'))
  .addOption(new Option('--empty-cells <mode>', 'an empty cell leaves the field or clears it').choices(['ignore', 'clear']).default('ignore'))
  .option('--dry-run', 'report what each row would do; write nothing')
  .option('--mapping <json>', 'column → field as JSON, e.g. \'{"E-mail":"email","Name":"firstName"}\' (default: the suggested one)')
  .option('--consent-purpose <id>', "the consent the rows' people gave, e.g. marketing_email")
  .addOption(new Option('--consent-basis <basis>', 'its legal basis').choices(['consent', 'contract', 'legitimate_interest']).default('consent'))
  .option('--url <url>', 'the API', process.env.EVENTOS_API_URL ?? 'http://127.0.0.1:3000')
  .option('--token <token>', 'a bearer token (default: EVENTOS_TOKEN, or a dev token from a local stack)', process.env.EVENTOS_TOKEN)
  .option('--failed-out <file>', 'where to write the failed rows as CSV (default: <file>.failed.csv when there are any)');

async function call<T>(opts: Options, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T; text: string }> {
  const res = await fetch(`${opts.url.replace(/\/+$/, '')}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const parsed = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
  if (res.status >= 400) {
    const p = parsed as { code?: string; detail?: string };
    throw new Error(`${method} ${path}: ${res.status} ${p.code ?? ''} ${p.detail ?? text}`.trim());
  }
  return { status: res.status, body: parsed as T, text };
}

async function tokenFor(opts: Options): Promise<string> {
  if (opts.token) return opts.token;
  const res = await fetch(`${opts.url.replace(/\/+$/, '')}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'admin', userId: 'import-cli' }) });
  if (!res.ok) throw new Error(`no --token given and ${opts.url} gives no dev token (${res.status}); pass --token or EVENTOS_TOKEN`);
  return ((await res.json()) as { token: string }).token;
}

const bar = (done: number, total: number, width = 30) => {
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  program.parse();
  const [resource, file] = program.args as [string, string];
  const opts = program.opts<Options>();
  if (resource !== 'contacts') throw new Error(`cannot import "${resource}" yet; only contacts`);
  const body = (ctx: Ctx, dryRun: boolean) => ({
    resource,
    csv: ctx.csv,
    fileName: basename(file),
    matchKey: opts.match,
    onConflict: opts.onConflict,
    emptyCells: opts.emptyCells,
    dryRun,
    ...(ctx.mapping ? { mapping: ctx.mapping } : {}),
    ...(opts.consentPurpose ? { consent: { purpose: opts.consentPurpose, legalBasis: opts.consentBasis } } : {}),
  });
  const tasks = new Listr<Ctx>(
    [
      {
        title: `Read ${file}`,
        task: async (ctx, task) => {
          ctx.csv = await readFile(file, 'utf8');
          ctx.token = await tokenFor(opts);
          task.title = `Read ${file} (${Math.round(ctx.csv.length / 1024)} KB)`;
        },
      },
      {
        title: 'Column mapping',
        task: async (ctx, task) => {
          if (opts.mapping) ctx.mapping = JSON.parse(opts.mapping) as Record<string, string | null>;
          else {
            const { body: s } = await call<{ mapping: Record<string, string | null>; unmapped: string[] }>(opts, ctx.token, 'POST', '/v1/imports/mapping', { resource, csv: ctx.csv });
            ctx.mapping = s.mapping;
          }
          const shown = Object.entries(ctx.mapping!).map(([c, f]) => `${c} → ${f ?? '(left out)'}`);
          task.title = `Column mapping: ${shown.join(', ')}`;
        },
      },
      {
        title: opts.dryRun ? 'Dry run (nothing is written)' : 'Import',
        task: async (ctx, task) => {
          if (opts.dryRun) {
            const { body: report } = await call<NonNullable<Ctx['dry']>>(opts, ctx.token, 'POST', '/v1/imports', body(ctx, true));
            ctx.dry = report;
            task.title = `Dry run: ${report.total} rows would give ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped, ${report.failed} failed`;
            return;
          }
          const { body: started } = await call<{ id: string; total: number }>(opts, ctx.token, 'POST', '/v1/imports', body(ctx, false));
          ctx.importId = started.id;
          for (;;) {
            const { body: imp } = await call<Record<string, number | string>>(opts, ctx.token, 'GET', `/v1/imports/${started.id}`);
            task.output = `${bar(Number(imp.processed), Number(imp.total))}  created ${imp.created}, updated ${imp.updated}, skipped ${imp.skipped}, failed ${imp.failed}`;
            if (imp.status !== 'running') {
              ctx.final = imp;
              task.title = `Import ${started.id}: ${imp.total} rows, ${imp.created} created, ${imp.updated} updated, ${imp.skipped} skipped, ${imp.failed} failed`;
              return;
            }
            await sleep(500);
          }
        },
        rendererOptions: { outputBar: 1, persistentOutput: false },
      },
      {
        title: 'Failed rows',
        skip: (ctx) => (opts.dryRun ? !ctx.dry?.rows.some((r) => r.outcome === 'failed') : !Number(ctx.final?.failed)),
        task: async (ctx, task) => {
          const out = opts.failedOut ?? `${file}.failed.csv`;
          if (opts.dryRun) {
            const failed = ctx.dry!.rows.filter((r) => r.outcome === 'failed');
            task.title = `Failed rows: ${failed.length} (first: line ${failed[0]!.line}, ${failed[0]!.reason})`;
            await writeFile(out, ['line,reason', ...failed.map((r) => `${r.line},"${(r.reason ?? '').replace(/"/g, '""')}"`)].join('\n') + '\n');
          } else {
            const { text } = await call<string>(opts, ctx.token, 'GET', `/v1/imports/${ctx.importId}/failed-rows`);
            await writeFile(out, text);
            task.title = `Failed rows with reasons written to ${out}`;
          }
        },
      },
    ],
    { concurrent: false, exitOnError: true, rendererOptions: { collapseSubtasks: false } },
  );
  const ctx = await tasks.run();
  if (ctx.importId) console.log(`undo within 7 days: POST ${opts.url}/v1/imports/${ctx.importId}/undo`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
