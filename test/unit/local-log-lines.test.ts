import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The lines one GET /health writes in a process started as `npm start` starts its handlers. */
function logOfOneRequest(args: string[], env: Record<string, string> = {}): Promise<string[]> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, POWERTOOLS_LOG_LEVEL: 'INFO', ...env };
  delete childEnv.POWERTOOLS_DEV;
  if (!env.LOG_PRETTY) delete childEnv.LOG_PRETTY;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/log-one-request.ts', ...args], { cwd: root, env: childEnv });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(out.split('\n').filter((l) => l.trim())) : reject(new Error(err))));
  });
}

describe('local log format', () => {
  it('logs one JSON line per request by default', async () => {
    const lines = await logOfOneRequest([]);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'INFO', message: 'handled', route: 'health', status: 200 });
  });

  it('logs the same record indented over several lines with --pretty-logs or LOG_PRETTY=1', async () => {
    for (const lines of [await logOfOneRequest(['--pretty-logs']), await logOfOneRequest([], { LOG_PRETTY: '1' })]) {
      expect(lines.length).toBeGreaterThan(5);
      expect(JSON.parse(lines.join('\n'))).toMatchObject({ message: 'handled', route: 'health', status: 200 });
    }
  });
});
