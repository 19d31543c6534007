/**
 * Docs run as written: every ```sh/```bash block of the README, docs/flows/*.md and docs/operations.md runs, each
 * file's blocks in order in one bash session (`set -euo pipefail`), against a local stack this file starts — as a
 * user would paste them after `npm start`. The shell gets what a user's has: PATH, HOME and `API` (the URL
 * `npm start` printed; the docs default it to http://127.0.0.1:3000). Everything else is captured from earlier
 * answers in the same file. A block that cannot run here says why just above it: `<!-- not-run: reason -->`;
 * those are listed as skipped tests with their reason.
 * `DOCS_ONLY=nightlife npx vitest run test/docs/command-blocks.test.ts` runs only the files whose path contains that
 * text (comma-separated for several: `DOCS_ONLY=README,integrations`).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandBlocks, type CommandBlock } from '../support/doc-blocks.ts';
import { useTestApi } from '../support/local-api.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const flows = readdirSync(`${root}docs/flows`).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/flows/${f}`);
const only = process.env.DOCS_ONLY?.split(',').filter(Boolean);
const files = ['README.md', ...flows, 'docs/operations.md'].filter((f) => !only || only.some((o) => f.includes(o)));

interface ShellResult {
  code: number | null;
  output: string;
}

function runShell(script: string, env: Record<string, string>, timeoutMs: number): Promise<ShellResult> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs / 1000} s]`;
      // The whole process group: a block may have started children (npm, node).
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The blocks as one script; each announces itself so a failure names its block. */
function script(blocks: CommandBlock[]): string {
  return [
    'set -euo pipefail',
    // The leading newline: an answer without one (curl's) would hide the marker.
    // $SECONDS: when each block started, to see in the transcript where a slow file spends its time.
    ...blocks.map((b) => `printf '\\n>>> %s\\n[at %ss]\\n' '${b.file}:${b.line}' "$SECONDS"\n${b.code}`),
    "printf '\\n>>> done\\n[at %ss]\\n' \"$SECONDS\"",
  ].join('\n');
}

const PER_FILE_TIMEOUT_MS = 300_000;

describe('command blocks of the docs', () => {
  const api = useTestApi();

  for (const file of files) {
    const blocks = commandBlocks(`${root}${file}`).map((b) => ({ ...b, file }));
    for (const block of blocks.filter((b) => b.notRun)) it.skip(`${file}:${block.line} not run: ${block.notRun}`, () => {});
    const runnable = blocks.filter((b) => !b.notRun);
    if (!runnable.length) continue;
    it(
      `${file}: its ${runnable.length} block(s) run top to bottom`,
      async () => {
        const env = { PATH: process.env.PATH!, HOME: process.env.HOME ?? tmpdir(), API: api.apiUrl, LANG: 'C.UTF-8' };
        const result = await runShell(script(runnable), env, PER_FILE_TIMEOUT_MS);
        // The whole transcript, to read what each command answered.
        const transcript = `${tmpdir()}/eventos-docs/${file.replaceAll('/', '_')}.log`;
        mkdirSync(`${tmpdir()}/eventos-docs`, { recursive: true });
        writeFileSync(transcript, result.output);
        const lastBlock = [...result.output.matchAll(/^>>> (.+)$/gm)].at(-1)?.[1];
        const report = `${file}: stopped in the block at ${lastBlock}; transcript ${transcript}; its tail:\n${result.output.slice(-4000)}`;
        expect(result.code, report).toBe(0);
        expect(lastBlock, report).toBe('done');
      },
      PER_FILE_TIMEOUT_MS + 30_000,
    );
  }
});
