import type { LocalStack } from '#packages/local/local-stack.ts';
import type { Cleanup } from '../lib/cleanup.ts';
import { freePort } from '../lib/free-port.ts';

/**
 * The local stack as `npm start` runs it, on ephemeral ports with an
 * in-memory DynamoDB Local. Handler logging is silenced (unless
 * POWERTOOLS_LOG_LEVEL is set) so tens of thousands of log lines do not
 * flood the terminal.
 */
export async function startBenchStack(cleanup: Cleanup): Promise<{ stack: LocalStack; stop(): Promise<void> }> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  // Imported lazily: `npm run bench -- bundles` should not load the local stack.
  const { startLocalStack } = await import('#packages/local/local-stack.ts');
  const stack = await startLocalStack({
    apiPort: 0,
    busPort: 0,
    sesPort: 0,
    dynamoPort: await freePort(),
    dataDir: null,
    tableName: 'eventos-bench',
  });
  // Once only: the section stops it when done, the cleanup on SIGINT or a crash.
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= stack.stop());
  cleanup.add(stop);
  return { stack, stop };
}
