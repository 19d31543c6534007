import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventBridgeEvent } from 'aws-lambda';
import { newId } from '#packages/core/ids.ts';
import { routing as defaultRouting, type ConsumerRoute } from '#events/routing.ts';

type ConsumerHandler = (event: EventBridgeEvent<string, unknown>, context: unknown) => Promise<unknown>;

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
}

export interface DeadLetter {
  consumer: string;
  event: EventBridgeEvent<string, unknown>;
  attempts: number;
  error: string;
  failedAt: string;
}

export interface LocalBusOptions {
  port: number;
  routing?: ConsumerRoute[];
  /** First retry delay; doubles each attempt (EventBridge backs off too, over hours). */
  retryBaseMs?: number;
  loadConsumer?: (handler: string) => Promise<ConsumerHandler>;
  /**
   * Consumer invocations running at once (LOCAL_BUS_CONCURRENCY, default 16),
   * like a Lambda concurrency limit: a burst of scans fans out into several
   * consumers each, and unbounded it would queue thousands of DynamoDB calls.
   */
  concurrency?: number;
}

const defaultLoader = (handler: string): Promise<ConsumerHandler> =>
  import(new URL(`../../functions/consumers/${handler}.ts`, import.meta.url).href).then((m: { handler: ConsumerHandler }) => m.handler);

/**
 * The local EventBridge: the real SDK's PutEvents lands here (via
 * AWS_ENDPOINT_URL_EVENTBRIDGE) and each event is delivered to the consumers
 * the routing table names, at least once, with retries, then to a visible
 * dead-letter list.
 */
export async function startLocalEventBus(options: LocalBusOptions) {
  const routing = options.routing ?? defaultRouting;
  const retryBaseMs = options.retryBaseMs ?? 100;
  const load = options.loadConsumer ?? defaultLoader;
  const deadLetters: DeadLetter[] = [];
  const recent: EventBridgeEvent<string, unknown>[] = [];
  const inFlight = new Set<Promise<void>>();
  const limit = options.concurrency ?? Number(process.env.LOCAL_BUS_CONCURRENCY ?? 16);
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = async (): Promise<void> => {
    if (running < limit) {
      running++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  // A freed slot passes straight to the next waiter, so the limit holds exactly.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  // Set by stop(): no new delivery or retry starts, and stop() waits for those under way, so
  // nothing runs (or loads a consumer module) after the stack that owns it has stopped.
  let stopping = false;

  async function deliver(route: ConsumerRoute, event: EventBridgeEvent<string, unknown>): Promise<void> {
    const handler = await load(route.handler);
    let lastError: unknown;
    for (let attempt = 0; attempt <= route.retryAttempts; attempt++) {
      if (stopping) return;
      await acquire();
      try {
        await handler(event, { awsRequestId: newId(), functionName: route.consumer, getRemainingTimeInMillis: () => 30_000 });
        return;
      } catch (error) {
        lastError = error;
      } finally {
        release();
      }
      // The back-off waits outside the slot, so a failing consumer does not hold up the others.
      if (attempt < route.retryAttempts) await new Promise((r) => setTimeout(r, retryBaseMs * 2 ** Math.min(attempt, 6)));
    }
    deadLetters.push({
      consumer: route.consumer,
      event,
      attempts: route.retryAttempts + 1,
      error: lastError instanceof Error ? lastError.message : String(lastError),
      failedAt: new Date().toISOString(),
    });
  }

  // Deployed, consumers run in their own Lambdas; a benchmark of the request
  // path can hold deliveries back so the in-process consumers do not compete.
  let held: EventBridgeEvent<string, unknown>[] | null = null;

  function dispatch(event: EventBridgeEvent<string, unknown>): void {
    if (stopping) return;
    if (held) {
      held.push(event);
      return;
    }
    recent.push(event);
    if (recent.length > 500) recent.shift();
    for (const route of routing) {
      if (!route.detailTypes.includes(event['detail-type'] as never)) continue;
      const delivery = deliver(route, event).finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    }
  }

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    // The readiness check's call (GET /health/ready): the bus answers, so it is up.
    if (target === 'AWSEvents.DescribeEventBus') {
      const { Name = 'default' } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { Name?: string };
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      return res.end(JSON.stringify({ Name, Arn: `arn:aws:events:${process.env.AWS_REGION ?? 'eu-west-1'}:000000000000:event-bus/${Name}` }));
    }
    if (target !== 'AWSEvents.PutEvents') {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      return res.end(JSON.stringify({ __type: 'UnknownOperationException', message: `${target} is not emulated` }));
    }
    const { Entries = [] } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { Entries?: PutEventsEntry[] };
    const results = Entries.map((entry) => {
      const id = newId();
      let detail: unknown;
      try {
        detail = JSON.parse(entry.Detail ?? '{}');
      } catch {
        return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' };
      }
      dispatch({
        version: '0',
        id,
        'detail-type': entry.DetailType ?? '',
        source: entry.Source ?? '',
        account: '000000000000',
        time: new Date().toISOString(),
        region: process.env.AWS_REGION ?? 'eu-west-1',
        resources: [],
        detail,
      });
      return { EventId: id };
    });
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify({ FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results }));
  });

  // Node closes an idle keep-alive connection after 5 s; the SDK client in the
  // handlers would then reconnect at the start of every burst, paying a TCP
  // handshake on a busy event loop per publish (scans stalled for seconds).
  // A warm Lambda reuses its connection between invocations; so do we.
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    deadLetters,
    recent,
    /** Accepts events but delivers none until `resume()`. */
    pause(): void {
      held ??= [];
    },
    /** Delivers what was held, in arrival order. */
    resume(): void {
      const backlog = held ?? [];
      held = null;
      for (const event of backlog) dispatch(event);
    },
    /** Resolves when every delivery under way (and those they cause) has finished. */
    async drain(): Promise<void> {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    async stop(): Promise<void> {
      stopping = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}

export type LocalEventBus = Awaited<ReturnType<typeof startLocalEventBus>>;
