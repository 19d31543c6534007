import type { LocalStack } from '#packages/local/local-stack.ts';
import type { Cleanup } from '../lib/cleanup.ts';
import { freePort } from '../lib/free-port.ts';

export const BENCH_TABLE = 'eventos-bench';

const portOf = (url: string | undefined): number | undefined => {
  if (!url) return undefined;
  const port = Number(new URL(url).port);
  return Number.isInteger(port) && port > 0 ? port : undefined;
};

/**
 * The local stack as bench/http/stack.ts starts it (ephemeral ports,
 * in-memory DynamoDB Local, silent handler logs), with one difference: when
 * an earlier section of this process already ran a stack, its ports are used
 * again. The process's SDK clients (the DocumentClient, EventBridge, SES)
 * resolve their endpoint from the environment once, on first use, and keep
 * it, so a second stack on new ports would leave them talking to the first
 * one's stopped servers.
 */
export async function startOrdersStack(cleanup: Cleanup): Promise<{ stack: LocalStack; stop(): Promise<void>; reusedPorts: boolean }> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  const { startLocalStack } = await import('#packages/local/local-stack.ts');
  // Set by startLocalStack itself; a shell is unlikely to carry this table name and these throwaway keys.
  const earlier = process.env.TABLE_NAME === BENCH_TABLE && process.env.AWS_ACCESS_KEY_ID === 'local';
  const dynamoPort = (earlier && portOf(process.env.AWS_ENDPOINT_URL_DYNAMODB)) || (await freePort());
  const stack = await startLocalStack({
    apiPort: 0,
    busPort: (earlier && portOf(process.env.AWS_ENDPOINT_URL_EVENTBRIDGE)) || 0,
    sesPort: (earlier && portOf(process.env.AWS_ENDPOINT_URL_SESV2)) || 0,
    dynamoPort,
    dataDir: null,
    tableName: BENCH_TABLE,
  });
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= stack.stop());
  cleanup.add(stop);
  return { stack, stop, reusedPorts: earlier };
}
