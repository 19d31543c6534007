import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * `npm start` runs `sh -c "tsx …"`, tsx runs node. On SIGTERM npm signals
 * only its child, the shell, which dies without passing it on: tsx and this
 * process live on, orphaned, holding every port. Ctrl-C works only because
 * the terminal signals the whole process group. So the runner also watches
 * the processes that launched it and stops when one of them goes.
 */

interface ProcessInfo {
  ppid: number;
  command: string;
}

function processInfo(pid: number): ProcessInfo | null {
  try {
    // Linux. `comm` may hold spaces or parentheses: ppid is the second field after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return Number.isInteger(ppid) ? { ppid, command } : null;
  } catch {
    // macOS and the BSDs have no /proc.
  }
  try {
    const line = execFileSync('ps', ['-o', 'ppid=,command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    const match = /^(\d+)\s+(.*)$/.exec(line);
    return match ? { ppid: Number(match[1]), command: match[2]! } : null;
  } catch {
    return null;
  }
}

const isNpm = (command: string) => /(^|[\s/])npm(-cli\.js)?(\s|$)/.test(command);

/**
 * The processes to watch: our parent, and when npm ran us (it sets
 * npm_lifecycle_event), every process up to and including npm itself.
 */
export function launcherChain(env: NodeJS.ProcessEnv = process.env): number[] {
  const chain = [process.ppid];
  if (!env.npm_lifecycle_event) return chain;
  const ancestors: number[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 5 && pid > 1; depth++) {
    const info = processInfo(pid);
    if (!info) break;
    ancestors.push(pid);
    if (isNpm(info.command)) return ancestors;
    pid = info.ppid;
  }
  return chain;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Calls `onGone` once, when our parent changes or a watched launcher exits. Returns a stop function. */
export function watchLauncher(onGone: (pid: number) => void, chain = launcherChain(), everyMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    const gone = process.ppid !== parent ? parent : chain.find((pid) => !alive(pid));
    if (gone === undefined) return;
    clearInterval(timer);
    onGone(gone);
  }, everyMs);
  // The watch alone never keeps the runner alive.
  timer.unref();
  return () => clearInterval(timer);
}
