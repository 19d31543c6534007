import { spawn, type SpawnOptions } from 'node:child_process';
import type { Cleanup } from './cleanup.ts';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a child to completion, collecting its output; killed by `cleanup` if the bench stops first. */
export function runChild(cleanup: Cleanup, command: string, args: string[], options: SpawnOptions = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    if (cleanup.stopping) return reject(new Error('the bench is stopping'));
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', options.stdio === 'inherit' ? 'inherit' : 'pipe'] });
    const untrack = cleanup.track(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', (error) => {
      untrack();
      reject(error);
    });
    child.once('close', (code, signal) => {
      untrack();
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export const describeExit = (f: Finished): string =>
  `exited with ${f.signal ?? `code ${f.code}`}${f.stderr.trim() ? `: ${f.stderr.trim().split('\n').slice(-5).join(' / ')}` : ''}`;
