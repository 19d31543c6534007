import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (user + system, ms) this process and DynamoDB Local (Java) spent over a window. */
export interface CpuSpent {
  /** The bench process: the local stack (API server, handlers, bus, stand-ins) and the floor's client. */
  benchMs: number;
  /** The DynamoDB Local JVM; null where /proc cannot tell (not Linux, or the process was not found). */
  dynamoMs: number | null;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** The JVM serving `port` (spawned by packages/local/dynamodb-local.ts: `java … DynamoDBLocal.jar … -port <port>`). */
function dynamoPid(port: number): string | null {
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        const at = args.indexOf('-port');
        if (args.some((a) => a.endsWith('DynamoDBLocal.jar')) && at >= 0 && args[at + 1] === String(port)) return pid;
      } catch {
        // gone meanwhile, or not ours to read
      }
    }
  } catch {
    // no /proc
  }
  return null;
}

function ticks(pid: string | null): number | null {
  if (!pid) return null;
  try {
    // Fields after "(comm) ": state is [0], utime [11], stime [12].
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * Starts a CPU window; the returned function ends it. Under a fixed
 * concurrency a saturated server's latency grows with the work per request,
 * so CPU per request on each side tells where a latency ratio comes from.
 */
export function cpuWindow(dynamoEndpoint: string): () => CpuSpent {
  const pid = dynamoPid(Number(new URL(dynamoEndpoint).port));
  const bench = process.cpuUsage();
  const java = ticks(pid);
  return () => {
    const spent = process.cpuUsage(bench);
    const javaNow = ticks(pid);
    return {
      benchMs: Math.round((spent.user + spent.system) / 1000),
      dynamoMs: java === null || javaNow === null ? null : (javaNow - java) * TICK_MS,
    };
  };
}
