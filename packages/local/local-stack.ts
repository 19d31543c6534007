import { randomBytes } from 'node:crypto';
import { routes } from '#packages/api/routes/index.ts';
import { issueDevToken } from './dev-token.ts';
import { startDynamoDbLocal, localDynamoClient, type RunningDynamoDb } from './dynamodb-local.ts';
import { startLocalEventBus } from './event-bus.ts';
import { startLocalHttpServer, type LocalRoute } from './http-server.ts';
import { startLocalScheduler, startLocalWakeUps } from './scheduler.ts';
import { startSesLocal } from './ses-local.ts';
import { LOCAL_S3_CREDENTIALS, startS3Local } from './s3-local.ts';
import { ensureTable } from './table-setup.ts';
import { useLocalSecrets } from '#packages/core/secrets/index.ts';
import { parseSecret } from '#packages/core/secrets/secret-values.ts';
import { devRoutes } from './dev-routes.ts';
import { sesEventDevRoutes } from './ses-event-routes.ts';
import { webhookInboxRoutes } from './webhook-inbox.ts';
import { mailDevRoutes } from './mail-page.ts';
import { localSecrets } from './local-secrets.ts';
import { stripeDevRoutes } from './stripe-standin/dev-routes.ts';
import { startStripeStandIn, type StripeStandIn } from './stripe-standin/server.ts';

export { LOCAL_TICKET_SIGNING_KEY } from './local-secrets.ts';

export interface LocalStackOptions {
  apiPort: number;
  busPort: number;
  sesPort: number;
  /** Start DynamoDB Local on this port, unless `dynamoEndpoint` points at one already running. */
  dynamoPort?: number;
  dynamoEndpoint?: string;
  /** null: in memory. */
  dataDir?: string | null;
  /** Reuse an SES emulator already running (tests share one). */
  sesEndpoint?: string;
  tableName: string;
  tokenSecret?: string;
  /** The local Stripe stand-in; 0 (the default) for an ephemeral port. */
  stripePort?: number;
  /** Base of the links in mail (PUBLIC_BASE_URL, e.g. a tunnel's https URL); default: the local API's URL. */
  publicBaseUrl?: string;
  /** The local S3 server (the tenant's file bucket); 0 (the default) for an ephemeral port. */
  s3Port?: number;
  /** Where it keeps files; null or absent: a temporary folder removed on stop. */
  filesDir?: string | null;
}

export interface LocalStack {
  apiUrl: string;
  docsUrl: string;
  mailUrl: string;
  dynamoEndpoint: string;
  /** The local S3 server holding the file bucket (presigned links point here). */
  filesEndpoint: string;
  bus: Awaited<ReturnType<typeof startLocalEventBus>>;
  stripe: StripeStandIn;
  tokenSecret: string;
  token(role?: string, userId?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Everything `npm start` runs, as one object tests can start too. The env
 * variables set here are the ones a deployed Lambda gets from CDK, pointed at
 * the local parts, so the handlers run unchanged.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stoppers: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const s of stoppers.reverse()) await s();
  };
  try {
    let dynamo: RunningDynamoDb | null = null;
    let dynamoEndpoint = options.dynamoEndpoint;
    if (!dynamoEndpoint) {
      dynamo = await startDynamoDbLocal(options.dynamoPort ?? 8000, options.dataDir ?? null);
      stoppers.push(() => dynamo?.stop());
      dynamoEndpoint = dynamo.endpoint;
    }
    let mailUrl = options.sesEndpoint;
    if (!mailUrl) {
      const ses = await startSesLocal(options.sesPort);
      stoppers.push(() => ses.stop());
      mailUrl = ses.url;
    }
    const files = await startS3Local({ port: options.s3Port ?? 0, directory: options.filesDir ?? null });
    stoppers.push(() => files.stop());
    const bus = await startLocalEventBus({ port: options.busPort });
    stoppers.push(() => bus.stop());
    // The handlers get these through the secrets mechanism, as deployed ones get Secrets Manager's: never via process.env.
    const secrets = localSecrets();
    const stripe = await startStripeStandIn({ port: options.stripePort ?? 0, webhookSecret: parseSecret.stripe(secrets.stripe).webhookSecret });
    stoppers.push(() => stripe.stop());
    useLocalSecrets(secrets);
    stoppers.push(() => useLocalSecrets(null));

    Object.assign(process.env, {
      AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: bus.endpoint,
      AWS_ENDPOINT_URL_SESV2: mailUrl,
      AWS_ENDPOINT_URL_S3: files.endpoint,
      FILES_BUCKET: files.bucket,
      FILES_LOCAL_CREDENTIALS: LOCAL_S3_CREDENTIALS,
      TABLE_NAME: options.tableName,
      EVENT_BUS_NAME: 'eventos-local',
      MAIL_FROM: process.env.MAIL_FROM ?? 'tickets@eventos.local',
      EVENTOS_TENANT: process.env.EVENTOS_TENANT ?? 'local',
      // Business metrics (packages/core/metrics.ts) stay out of the one-line-per-request log; `false` shows their EMF lines.
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
      // Webhook deliveries may go to http:// and loopback receivers (the inbox below); never deployed.
      WEBHOOKS_ALLOW_LOOPBACK: '1',
      ...stripe.sdkEnv,
    });

    const client = localDynamoClient(dynamoEndpoint);
    await ensureTable(client, options.tableName);
    client.destroy();

    const tokenSecret = options.tokenSecret ?? randomBytes(32).toString('base64url');
    const scheduler = startLocalScheduler();
    stoppers.push(() => scheduler.stop());
    const wakeUps = startLocalWakeUps();
    stoppers.push(() => wakeUps.stop());

    const local: LocalRoute[] = [...devRoutes({ tokenSecret, bus }), ...stripeDevRoutes(stripe), ...sesEventDevRoutes(), ...webhookInboxRoutes(), ...mailDevRoutes(mailUrl)];
    const http = await startLocalHttpServer({ port: options.apiPort, routes, tokenSecret, localRoutes: local });
    stoppers.push(() => new Promise<void>((resolve) => http.server.close(() => resolve())));
    // Known only now that the API listens (port 0 in tests).
    stripe.setWebhookUrl(`${http.url}/v1/webhooks/stripe`);
    // Links in mail (unsubscribe) point at the local API unless the runner was given a public URL.
    process.env.PUBLIC_BASE_URL = options.publicBaseUrl ?? http.url;
    http.server.on('connection', (socket) => stoppers.push(() => void socket.destroy()));

    return {
      apiUrl: http.url,
      docsUrl: `${http.url}/docs`,
      mailUrl,
      dynamoEndpoint,
      filesEndpoint: files.endpoint,
      bus,
      stripe,
      tokenSecret,
      token: (role = 'admin', userId = `local-${role}`) => issueDevToken(tokenSecret, userId, role),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
