import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineRoute } from '#packages/core/route.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { consumers } from '#events/routing.ts';
import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';
import { logger } from '#packages/core/logger.ts';
import { busEvent, invoke } from '../support/http-events.ts';

// Given: the local runner's situation — a route and a consumer in one process,
// their awaits interleaved — with every line the loggers write captured.

type Line = Record<string, unknown>;
let lines: Line[] = [];

const capture = (chunk: unknown): boolean => {
  for (const text of String(chunk).split('\n')) {
    if (!text.trim().startsWith('{')) continue;
    const line = JSON.parse(text) as Line;
    if (line.service) lines.push(line);
  }
  return true;
};

beforeEach(() => {
  lines = [];
  vi.stubEnv('EVENTOS_TENANT', 'acme');
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  logger.setLogLevel('INFO'); // the root's level; every invocation's logger starts from it
});

afterEach(() => {
  logger.setLogLevel('SILENT');
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** A promise and the function that settles it: lets the test choose the interleaving. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const refundRoute = defineRoute({
  operationId: 'testRefund',
  method: 'GET',
  path: '/v1/test-refund',
  handler: 'test/refund',
  permission: null,
  summary: 'test',
  tag: 'test',
  responses: { 200: { description: 'OK' } },
});

describe('every log line names who wrote it (item 11)', () => {
  it('a route and a consumer interleaving in one process each log their own name and correlation id', async () => {
    const consumerStarted = gate();
    const routeFailed = gate();
    const refund = httpHandler(refundRoute, async () => {
      logger.info('refund started');
      await consumerStarted.opened; // the consumer appends its keys meanwhile
      logger.info('refund calling the provider');
      throw new Error('the provider refused'); // logged by the error mapper, after the consumer's appendKeys
    });
    const webhookLike = consumerHandler(consumers.crmTimelineRefund, async () => {
      logger.info('consumer working');
      consumerStarted.open();
      await routeFailed.opened;
      logger.info('consumer finishing');
    });

    const delivery = busEvent('order.refunded', 'corr-consumer');
    const consumed = webhookLike(delivery, { awsRequestId: 'req-consumer', functionName: 'crm-timeline-refund' });
    const answered = invoke(refund, refundRoute, 'req-http');
    expect((await answered).status).toBe(500);
    routeFailed.open();
    await consumed;

    const byRoute = lines.filter((l) => l.route === 'testRefund');
    const byConsumer = lines.filter((l) => l.consumer === 'crm-timeline-refund');
    expect(byRoute.map((l) => l.message)).toEqual(['refund started', 'refund calling the provider', 'unhandled error']);
    expect(byConsumer.map((l) => l.message)).toEqual(['consumer working', 'consumer finishing', 'consumed']);
    expect(byRoute.length + byConsumer.length).toBe(lines.length);
    for (const line of byRoute) {
      expect(line).toMatchObject({ tenant: 'acme', correlationId: 'req-http', function_request_id: 'req-http' });
      expect(line).not.toHaveProperty('consumer');
      expect(line).not.toHaveProperty('eventId');
    }
    for (const line of byConsumer) {
      expect(line).toMatchObject({ tenant: 'acme', correlationId: 'corr-consumer', busEventId: delivery.id, function_request_id: 'req-consumer' });
      expect(line).not.toHaveProperty('route');
    }
  });

  it('a job logs under its schedule’s name, and nothing leaks into lines written outside any invocation', async () => {
    const job = jobHandler('outbox-relay', async () => {
      logger.appendKeys({ relayed: 3 });
      logger.info('relayed');
    });
    await job({}, {});
    logger.info('outside');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ message: 'relayed', job: 'outbox-relay', tenant: 'acme', relayed: 3 });
    expect(typeof lines[0]!.correlationId).toBe('string');
    expect(lines[1]!.message).toBe('outside');
    expect(lines[1]).not.toHaveProperty('job');
    expect(lines[1]).not.toHaveProperty('relayed');
  });
});
