import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { apiClient } from '../orders/api.ts';
import { startOrdersStack } from '../orders/stack.ts';
import { percentiles, roundTo, type Percentiles } from '../orders/stats.ts';
import { must } from '../lib/free-event.ts';
import { intFromEnv } from '../lib/env.ts';
import { progress } from '../lib/progress.ts';
import type { BenchSection } from '../lib/section.ts';
import { renderWebhooks } from './webhooks-render.ts';

export interface WebhooksData {
  method: Record<string, string>;
  events: number;
  endpoints: number;
  expected: number;
  /** Distinct webhook-ids that arrived. */
  delivered: number;
  lost: number;
  /** Arrivals beyond the first of a webhook-id. */
  duplicates: number;
  unverified: number;
  publishMs: number;
  wallMs: number;
  deliveriesPerSecond: number;
  lagMs: Percentiles | null;
  deadLetters: number;
  targets: { name: string; ok: boolean | null; detail: string }[];
}

const DETAIL_TYPE = 'ticket.issued';

/**
 * N domain events put on the local bus (PutEvents, 10 a call, as the outbox
 * does) fanned out by the `webhooks-fan-out` consumer to 3 endpoints on a
 * receiver in this process; the receiver verifies every delivery with the
 * official library and counts them by webhook-id.
 */
export const webhooksSection: BenchSection<WebhooksData> = {
  name: 'webhooks',
  title: 'Webhooks: domain events fanned out to 3 endpoints on a local receiver — deliveries/s, delivery lag, lost and duplicates (local stack)',
  async run(ctx) {
    const events = intFromEnv('BENCH_WEBHOOK_EVENTS', 10_000);
    // Thousands of consumer invocations share two cores with the publisher: stretch the SDK timeouts as the tests do.
    process.env.DEPENDENCY_TIMEOUT_SCALE ??= '8';
    const endpointsCount = 3;
    const timeoutMs = intFromEnv('BENCH_WEBHOOK_TIMEOUT_S', 1800) * 1000;
    const data: WebhooksData = {
      method: {
        events: `${events} \`${DETAIL_TYPE}\` events (a type no other consumer takes) put on the local bus with PutEvents, 10 a call, 4 calls at a time, as fast as it takes them`,
        fanOut: 'consumer `webhooks-fan-out` in-process (local bus, LOCAL_BUS_CONCURRENCY invocations at once, default 16): per event one Query of the endpoints (kept 5 s), per endpoint a message Put written already claimed for its first attempt and sent at once (signed POST, then the attempt Put beside the settle); a send reaching its POST with less than 30 s of lease left renews it first, so the due job never takes a message over mid-send',
        receiver: 'node:http server in the bench process (loopback: the local runner allows it), 3 paths = 3 endpoints; verifies each delivery with `standardwebhooks` and records its arrival by webhook-id',
        lag: 'arrival at the receiver − the event\'s metadata.occurredAt (set just before its PutEvents)',
        server: 'local stack in the bench process, DynamoDB Local in memory; the due job runs every 5 s as the local scheduler does',
      },
      events,
      endpoints: endpointsCount,
      expected: events * endpointsCount,
      delivered: 0,
      lost: 0,
      duplicates: 0,
      unverified: 0,
      publishMs: 0,
      wallMs: 0,
      deliveriesPerSecond: 0,
      lagMs: null,
      deadLetters: 0,
      targets: [],
    };
    const errors: string[] = [];

    const occurredAt = new Map<string, number>();
    const arrivals = new Map<string, number>();
    const secrets = new Map<string, string>();
    let duplicates = 0;
    let unverified = 0;
    let lastArrival = 0;
    const receiver = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const at = Date.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id']);
      try {
        new Webhook(secrets.get(req.url ?? '')!).verify(body, req.headers as Record<string, string>);
      } catch {
        unverified++;
      }
      if (arrivals.has(id)) duplicates++;
      else arrivals.set(id, at);
      lastArrival = at;
      res.writeHead(200).end('ok');
    });
    receiver.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    ctx.cleanup.add(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
    const port = (receiver.address() as AddressInfo).port;

    progress('webhooks: starting the local stack (DynamoDB Local in memory)');
    const { stack, stop } = await startOrdersStack(ctx.cleanup);
    try {
      const api = apiClient(stack.apiUrl, await stack.token('admin', 'bench-admin'));
      for (let i = 0; i < endpointsCount; i++) {
        const path = `/receiver-${i}`;
        const endpoint = await must<{ secret: string }>(api, 201, 'POST', '/v1/webhook-endpoints', {
          url: `http://127.0.0.1:${port}${path}`,
          eventTypes: [DETAIL_TYPE],
          description: `bench receiver ${i}`,
        });
        secrets.set(path, endpoint.secret);
      }
      const { putOnBus } = await import('#packages/core/bus/publish.ts');
      const { newId } = await import('#packages/core/ids.ts');
      const { catalog } = await import('#events/catalog.ts');

      progress(`webhooks: putting ${events} events on the bus, fanned out to ${endpointsCount} endpoints`);
      const started = Date.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < events) {
            const batch = Array.from({ length: Math.min(10, events - next) }, () => {
              next++;
              const id = newId();
              const now = new Date();
              occurredAt.set(id, now.getTime());
              return {
                eventId: id,
                source: catalog[DETAIL_TYPE].source,
                detailType: DETAIL_TYPE,
                detail: JSON.stringify({ metadata: { id, occurredAt: now.toISOString(), version: 1, correlationId: id }, data: catalog[DETAIL_TYPE].example }),
              };
            });
            const accepted = await putOnBus(batch);
            if (accepted.length !== batch.length) throw new Error(`PutEvents accepted ${accepted.length} of ${batch.length}`);
          }
        }),
      );
      data.publishMs = Date.now() - started;
      progress(`  published in ${data.publishMs} ms; waiting for ${data.expected} deliveries`);

      const deadline = Date.now() + timeoutMs;
      let reported = 0;
      while (arrivals.size < data.expected && Date.now() < deadline && !ctx.cleanup.stopping) {
        await new Promise((r) => setTimeout(r, 500));
        if (arrivals.size - reported >= data.expected / 10) {
          reported = arrivals.size;
          progress(`  ${arrivals.size} / ${data.expected} delivered after ${Math.round((Date.now() - started) / 1000)} s`);
        }
      }
      await stack.bus.drain();
      data.wallMs = lastArrival - started;
      data.delivered = arrivals.size;
      data.lost = data.expected - arrivals.size;
      data.duplicates = duplicates;
      data.unverified = unverified;
      data.deliveriesPerSecond = data.wallMs > 0 ? roundTo((arrivals.size / data.wallMs) * 1000) : 0;
      data.deadLetters = stack.bus.deadLetters.filter((d) => d.consumer === 'webhooks-fan-out').length;
      const lags: number[] = [];
      for (const [messageId, at] of arrivals) {
        const eventId = messageId.split('_')[1]!;
        const t = occurredAt.get(eventId);
        if (t !== undefined) lags.push(at - t);
      }
      data.lagMs = percentiles(lags);
      progress(
        `  ${data.delivered} / ${data.expected} in ${data.wallMs} ms: ${data.deliveriesPerSecond} deliveries/s, lag p50 ${data.lagMs?.p50} ms p99 ${data.lagMs?.p99} ms; lost ${data.lost}, duplicates ${data.duplicates}, unverified ${data.unverified}`,
      );
    } catch (error) {
      errors.push((error as Error).message);
      progress(`  ERROR ${(error as Error).message}`);
    } finally {
      progress('webhooks: stopping the local stack');
      await stop();
    }
    data.targets = [
      { name: '0 lost', ok: data.lost === 0, detail: `${data.delivered} / ${data.expected}` },
      { name: 'every delivery verifies (standardwebhooks)', ok: data.delivered > 0 && data.unverified === 0, detail: `${data.unverified} unverified` },
      { name: 'no dead-lettered fan-out', ok: data.deadLetters === 0, detail: `${data.deadLetters}` },
    ];
    return { data, targetsMet: data.targets.every((t) => t.ok === true), errors };
  },
  render: renderWebhooks,
};
