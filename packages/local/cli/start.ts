/**
 * `npm start`: the whole backend locally, on real embedded parts.
 *   --in-memory   throwaway DynamoDB (default: data kept in .data/dynamodb)
 *   --seed        load the demo data once started
 * Ports: PORT (API, 3000), DYNAMODB_PORT (8000), SES_PORT (8005), EVENTBRIDGE_PORT (4010), STRIPE_PORT (12111), S3_PORT (4569).
 * PUBLIC_BASE_URL: where links in mail point (a tunnel's https URL); default the API's URL.
 * Ctrl-C, SIGTERM (to this process or to `npm start`), SIGHUP stop every child.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { LocalStartError } from '../local-start-error.ts';
import { startLocalStack } from '../local-stack.ts';
import { assertPortFree, portFromEnv } from '../ports.ts';
import { watchLauncher } from './launcher-watch.ts';
import { seedDemo } from '../seed.ts';
import { DEFAULT_STRIPE_STANDIN_PORT } from '../stripe-standin/defaults.ts';

const { values: flags } = parseArgs({
  options: { 'in-memory': { type: 'boolean', default: false }, seed: { type: 'boolean', default: false } },
});

const started = performance.now();
// Indented, readable log lines in a terminal; deployed functions log one JSON object per line.
process.env.POWERTOOLS_DEV ??= 'true';
const ports = {
  api: portFromEnv('PORT', 3000),
  dynamo: portFromEnv('DYNAMODB_PORT', 8000),
  ses: portFromEnv('SES_PORT', 8005),
  bus: portFromEnv('EVENTBRIDGE_PORT', 4010),
  stripe: portFromEnv('STRIPE_PORT', DEFAULT_STRIPE_STANDIN_PORT),
  s3: portFromEnv('S3_PORT', 4569),
};

/** PUBLIC_BASE_URL when set: an absolute http(s) URL, as links in mail need. */
function publicBaseUrlFromEnv(): string | undefined {
  const raw = process.env.PUBLIC_BASE_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LocalStartError(`PUBLIC_BASE_URL=${raw} is not a URL (e.g. https://my-tunnel.example)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new LocalStartError(`PUBLIC_BASE_URL must be an http(s) URL, got ${raw}`);
  return raw.replace(/\/+$/, '');
}

let stack: Awaited<ReturnType<typeof startLocalStack>> | undefined;
let stopping = false;
const shutdown = async (reason: string) => {
  // A second Ctrl-C does not wait for a slow stop; DynamoDB Local dies with us either way (dynamodb-local.ts).
  if (stopping) process.exit(1);
  stopping = true;
  process.stderr.write(`\n${reason}: stopping every local service…\n`);
  setTimeout(() => {
    process.stderr.write('Some service did not stop within 10 s; exiting anyway.\n');
    process.exit(1);
  }, 10_000).unref();
  // Still starting: exiting is enough, the JVM is killed on exit and the rest lives in this process.
  await stack?.stop();
  process.exit(0);
};
// Before anything starts, so a signal during start-up is handled too.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
watchLauncher((pid) => void shutdown(`the process that started the runner (pid ${pid}) exited`));

try {
  const publicBaseUrl = publicBaseUrlFromEnv();
  await assertPortFree(ports.api, 'PORT');
  await assertPortFree(ports.dynamo, 'DYNAMODB_PORT');
  await assertPortFree(ports.ses, 'SES_PORT');
  await assertPortFree(ports.bus, 'EVENTBRIDGE_PORT');
  await assertPortFree(ports.stripe, 'STRIPE_PORT');
  await assertPortFree(ports.s3, 'S3_PORT');
  process.stderr.write('Starting DynamoDB Local, the SES emulator, the event bus and the API…\n');
  stack = await startLocalStack({
    apiPort: ports.api,
    dynamoPort: ports.dynamo,
    sesPort: ports.ses,
    busPort: ports.bus,
    stripePort: ports.stripe,
    s3Port: ports.s3,
    filesDir: flags['in-memory'] ? null : fileURLToPath(new URL('../../../.data/s3', import.meta.url)),
    dataDir: flags['in-memory'] ? null : fileURLToPath(new URL('../../../.data/dynamodb', import.meta.url)),
    tableName: process.env.TABLE_NAME ?? 'eventos-local',
    tokenSecret: process.env.LOCAL_JWT_SECRET,
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
  });

  if (flags.seed) {
    const summary = await seedDemo(stack.apiUrl, await stack.token('admin', 'seed'), (line) => process.stderr.write(`${line}\n`));
    process.stderr.write(`Seeded: ${summary}\n`);
  }

  const adminToken = await stack.token('admin', 'local-admin');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    [
      '',
      `EventOS is running locally (ready in ${seconds} s, data: ${flags['in-memory'] ? 'in memory' : '.data/dynamodb'})`,
      `  API          ${stack.apiUrl}`,
      `  Health       ${stack.apiUrl}/health`,
      `  Files (S3)   ${stack.filesEndpoint}  (bucket eventos-files)`,
      `  Docs         ${stack.docsUrl}`,
      `  OpenAPI      ${stack.apiUrl}/openapi.json`,
      `  Mail viewer  ${stack.mailUrl}`,
      `  Mail links   ${publicBaseUrl ?? stack.apiUrl} (PUBLIC_BASE_URL)`,
      `  DynamoDB     ${stack.dynamoEndpoint}`,
      `  Stripe       ${stack.stripe.url} (stand-in; sent webhooks: ${stack.apiUrl}/dev/stripe/events)`,
      `  Dead letters ${stack.apiUrl}/dev/bus/dead-letters`,
      '',
      'Admin token (12 h; more with POST /dev/token {"role":"scanner"}):',
      adminToken,
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
} catch (error) {
  if (error instanceof LocalStartError) {
    process.stderr.write(`\nCannot start: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
