import { execFileSync } from 'node:child_process';
import { arch, cpus, platform, totalmem } from 'node:os';

export interface Machine {
  node: string;
  cpuModel: string;
  cpus: number;
  platform: string;
  memoryGiB: number;
}

export function machine(): Machine {
  const cores = cpus();
  return {
    node: process.version,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    cpus: cores.length,
    platform: `${platform()}-${arch()}`,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  };
}

/** HEAD only (read-only); the figures may include uncommitted work. */
export function gitCommit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
