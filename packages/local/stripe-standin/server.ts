import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { stripeApiRoutes } from './api-routes.ts';
import { LOCAL_STRIPE_WEBHOOK_SECRET } from './defaults.ts';
import { StripeFaults } from './faults.ts';
import { canonicalJson, parseStripeForm } from './form.ts';
import { IdempotencyCache } from './idempotency.ts';
import { stripeId } from './ids.ts';
import { StripeStore, type PaymentFailure, type StandInPaymentIntent } from './store.ts';
import { StripeApiError, invalidRequest } from './stripe-error.ts';
import { WebhookSender, type Delivery, type SentEvent } from './webhook-sender.ts';

export interface StripeStandInOptions {
  /** 0 for an ephemeral port. */
  port: number;
  host?: string;
  /** Where events are POSTed; may be set later with setWebhookUrl (the API's port is often known only after it starts). */
  webhookUrl?: string;
  /** Defaults to LOCAL_STRIPE_WEBHOOK_SECRET. */
  webhookSecret?: string;
  /** `api_version` stamped on events; defaults to the installed SDK's. */
  apiVersion?: string;
  deliveryTimeoutMs?: number;
}

/** What a dev control answers: the event it sent and what the receiver said. */
export interface DevOutcome {
  event: { id: string; type: string };
  delivered: Delivery;
  paymentIntent?: StandInPaymentIntent;
}

export interface StripeStandIn {
  url: string;
  host: string;
  port: number;
  webhookSecret: string;
  readonly webhookUrl: string | undefined;
  setWebhookUrl(url: string | undefined): void;
  /** What the payments module reads to point the real SDK here. */
  sdkEnv: { STRIPE_API_HOST: string; STRIPE_API_PORT: string; STRIPE_API_PROTOCOL: 'http' };
  succeedPaymentIntent(id: string): Promise<DevOutcome>;
  failPaymentIntent(id: string, failure?: PaymentFailure): Promise<DevOutcome>;
  /** Throws StripeApiError (404 resource_missing) for an unknown event. */
  resendEvent(id: string): Promise<DevOutcome>;
  /** Test-controllable failures: refuse the next refund, hang, be down (see faults.ts). */
  faults: StripeFaults;
  events(): SentEvent[];
  event(id: string): SentEvent | undefined;
  /** Waits for webhook deliveries still under way (refund events are sent after the API answers). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const TEST_KEY = /^(sk|rk)_test_\S+$/;

/**
 * A local Stripe for the endpoints the product uses, speaking Stripe's wire
 * format so the real SDK (pointed here with host/port/protocol) cannot tell
 * the difference: form-encoded requests, Bearer test keys, Idempotency-Key,
 * Stripe-shaped objects and errors, and signed webhooks.
 */
export async function startStripeStandIn(options: StripeStandInOptions): Promise<StripeStandIn> {
  const host = options.host ?? '127.0.0.1';
  const webhookSecret = options.webhookSecret ?? LOCAL_STRIPE_WEBHOOK_SECRET;
  const apiVersion = options.apiVersion ?? Stripe.API_VERSION;
  const store = new StripeStore();
  const sender = new WebhookSender({ secret: webhookSecret, apiVersion, webhookUrl: options.webhookUrl, timeoutMs: options.deliveryTimeoutMs });
  const idempotency = new IdempotencyCache();
  const route = stripeApiRoutes(store, sender);
  const faults = new StripeFaults();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = stripeId('req', 14);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'request-id': requestId,
      'stripe-version': String(req.headers['stripe-version'] ?? apiVersion),
    };
    const send = (status: number, body: unknown) => {
      res.writeHead(status, headers);
      res.end(JSON.stringify(body, null, 2));
    };
    // Down: a request on a kept-alive socket is cut before anything runs.
    if (faults.outage === 'down') return void req.socket.destroy();
    try {
      const url = new URL(req.url ?? '/', 'http://stripe.local');
      const method = (req.method ?? 'GET').toUpperCase();
      const apiKey = authenticate(req.headers.authorization);
      const body = await readBody(req);
      // Hanging: the request arrived and is never answered (nor executed).
      if (faults.outage === 'hang') return faults.holdOpen(res);
      const params = parseStripeForm(method === 'GET' ? url.search.slice(1) : body);
      const run = route(method, url.pathname);
      if (!run) {
        throw invalidRequest(`Unrecognized request URL (${method}: ${url.pathname}). The local Stripe stand-in implements only what EventOS uses.`, undefined, undefined, 404);
      }

      const key = method === 'POST' ? headerValue(req.headers['idempotency-key']) : undefined;
      const fingerprint = `${method} ${url.pathname} ${canonicalJson(params)}`;
      if (key !== undefined) {
        if (key.length === 0 || key.length > 255) throw invalidRequest('Idempotency keys must be 1–255 characters long.', undefined, 'Idempotency-Key');
        headers['idempotency-key'] = key;
        const earlier = idempotency.lookup(apiKey, key, fingerprint);
        if (earlier instanceof StripeApiError) throw earlier;
        if (earlier) {
          headers['idempotent-replayed'] = 'true';
          return send(earlier.status, earlier.body);
        }
      }
      // A queued refusal answers like Stripe refusing, before anything changes.
      if (method === 'POST' && url.pathname === '/v1/refunds') {
        const refused = faults.takeRefundRefusal();
        if (refused) throw refused;
      }
      const result = run(params, { requestId, idempotencyKey: key ?? null });
      if (key !== undefined && result.status < 300) idempotency.store(apiKey, key, fingerprint, result.status, result.body);
      send(result.status, result.body);
      result.after?.();
    } catch (error) {
      if (error instanceof StripeApiError) return send(error.status, error.toBody());
      process.stderr.write(`stripe stand-in: ${(error as Error).stack ?? String(error)}\n`);
      send(500, { error: { type: 'api_error', message: 'The local Stripe stand-in failed; see its log.' } });
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => {
    if (faults.outage === 'down') socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  async function afterPayment(type: string, intent: StandInPaymentIntent): Promise<DevOutcome> {
    const { event, delivery } = sender.emit(type, intent);
    return { event: { id: event.id, type }, delivered: await delivery, paymentIntent: intent };
  }

  return {
    url: `http://${host}:${port}`,
    host,
    port,
    webhookSecret,
    get webhookUrl() {
      return sender.webhookUrl;
    },
    setWebhookUrl: (url) => {
      sender.webhookUrl = url;
    },
    sdkEnv: { STRIPE_API_HOST: host, STRIPE_API_PORT: String(port), STRIPE_API_PROTOCOL: 'http' },
    succeedPaymentIntent: (id) => afterPayment('payment_intent.succeeded', store.succeed(id).intent),
    failPaymentIntent: (id, failure) => afterPayment('payment_intent.payment_failed', store.fail(id, failure)),
    resendEvent: async (id) => {
      const resent = sender.resend(id);
      if (!resent) throw invalidRequest(`No such event: '${id}'`, 'resource_missing', 'id', 404);
      return { event: { id: resent.event.id, type: resent.event.type }, delivered: await resent.delivery };
    },
    faults,
    events: () => sender.list(),
    event: (id) => sender.get(id),
    idle: () => sender.idle(),
    stop: async () => {
      faults.clear();
      await sender.idle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The SDK keeps connections alive; without this, close waits for them to time out.
        server.closeAllConnections();
      });
    },
  };
}

function authenticate(header: string | undefined): string {
  if (!header) {
    throw new StripeApiError(
      401,
      'invalid_request_error',
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  // Never echo the key back: this message may end up in a log.
  if (!key || !TEST_KEY.test(key)) {
    throw new StripeApiError(401, 'invalid_request_error', 'Invalid API Key provided. The local Stripe stand-in accepts test-mode secret keys only (sk_test_… or rk_test_…).');
  }
  return key;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw invalidRequest('Request body too large.', undefined, undefined, 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
