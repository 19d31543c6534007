import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { functionKinds } from '#infra/constructs/eventos-function.ts';
import { defineRoute } from '#packages/core/route.ts';
import { eventBridgeClient, putOnBus } from '#packages/core/bus/publish.ts';
import { campaignSesClient } from '#packages/features/campaigns/ses-sender.ts';
import { documentClient } from '#packages/core/db/client.ts';
import { CALL_BOUNDS_MIDDLEWARE, dependencyClientConfig } from '#packages/core/dependencies/client-config.ts';
import { DeadlineExceeded, withDeadline } from '#packages/core/dependencies/deadline.ts';
import { dependencyFaultOf } from '#packages/core/dependencies/faults.ts';
import { WriteTimeout } from '#packages/core/dependencies/write-timeouts.ts';
import { answerBoundMs, currentTimeouts, dependencyTimeouts, perCallBoundMs } from '#packages/core/dependencies/timeouts.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';
import { toProblem } from '#packages/http/middleware/error-mapper.ts';
import { lambdaContext } from '#packages/local/api-gateway-event.ts';
import { sendEmail } from '#packages/mail/ses-mailer.ts';
import { secretsManagerSource } from '#packages/core/secrets/secret-sources.ts';
import { freePort } from '../support/free-port.ts';
import { startHungServer } from '../support/hung-server.ts';

// The deployed timeouts, not the test suite's stretched ones (timeouts.ts): set before the imports build the clients.
vi.hoisted(() => {
  process.env.DEPENDENCY_TIMEOUT_SCALE = '1';
});

/** Timers on a busy two-core machine fire late; this is generous on purpose (no speed is asserted, only "no hang"). */
const SLACK_MS = 5_000;

const sdkError = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });
const electroWrapped = (cause: Error) => Object.assign(new Error('Error thrown by DynamoDB client'), { name: 'ElectroError', code: 4001, cause });

async function elapsed<T>(work: () => Promise<T>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  try {
    await work();
    return { ms: performance.now() - started, error: undefined };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

describe('dependency faults are classified in one place', () => {
  it.each([
    ['TimeoutError (SDK request/connection timeout)', sdkError('TimeoutError'), 'timeout'],
    ['our request deadline', new DeadlineExceeded(), 'timeout'],
    ['a write not sent again after a timeout', new WriteTimeout('PutItemCommand', sdkError('TimeoutError')), 'timeout'],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'unreachable'],
    ['connection reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'unreachable'],
    ['DNS failure', Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }), 'unreachable'],
    ['DynamoDB throttling', sdkError('ProvisionedThroughputExceededException', { $metadata: { httpStatusCode: 400 } }), 'throttled'],
    ['EventBridge/SES throttling', sdkError('ThrottlingException', { $metadata: { httpStatusCode: 400 } }), 'throttled'],
    ['any 429', sdkError('SomethingNew', { $metadata: { httpStatusCode: 429 } }), 'throttled'],
    ['DynamoDB 500', sdkError('InternalServerError', { $fault: 'server', $metadata: { httpStatusCode: 500 } }), 'server_error'],
    ['a 503 from the service', sdkError('ServiceUnavailable', { $metadata: { httpStatusCode: 503 } }), 'server_error'],
    ['a timeout wrapped by ElectroDB', electroWrapped(sdkError('TimeoutError')), 'timeout'],
    ['a refused connection wrapped by ElectroDB', electroWrapped(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), 'unreachable'],
  ])('%s → %s', (_, error, reason) => {
    expect(dependencyFaultOf(error)).toBe(reason);
  });

  it.each([
    ['a failed condition', electroWrapped(sdkError('ConditionalCheckFailedException', { $fault: 'client', $metadata: { httpStatusCode: 400 } }))],
    ['a validation error', sdkError('ValidationException', { $fault: 'client', $metadata: { httpStatusCode: 400 } })],
    ['access denied', sdkError('AccessDeniedException', { $fault: 'client', $metadata: { httpStatusCode: 400 } })],
    ['our own bug', new TypeError('undefined is not a function')],
    ['ElectroDB refusing a bad key', Object.assign(new Error('Missing composite attribute'), { name: 'ElectroError', code: 1015 })],
    ['not an error at all', 'boom'],
  ])('%s is not a dependency fault', (_, error) => {
    expect(dependencyFaultOf(error)).toBeNull();
  });
});

describe('the HTTP error mapper', () => {
  it('answers a dependency fault with 503 problem+json dependency_unavailable and Retry-After, never 500', () => {
    for (const error of [sdkError('TimeoutError'), electroWrapped(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), sdkError('ThrottlingException')]) {
      const res = toProblem(error);
      expect(res.statusCode).toBe(503);
      expect(res.headers).toMatchObject({ 'content-type': 'application/problem+json', 'retry-after': String(dependencyTimeouts.retryAfterSeconds) });
      const body = JSON.parse(res.body!);
      expect(body).toMatchObject({ status: 503, code: 'dependency_unavailable', type: 'https://eventos.dev/problems/dependency_unavailable', title: 'Service unavailable' });
      expect(body.detail).toMatch(/Retry in 5 seconds/);
      expect(res.body).not.toMatch(/ECONNREFUSED|TimeoutError|DynamoDB|stack/i);
    }
  });

  it('still answers our own bugs with 500 internal_error', () => {
    expect(toProblem(new TypeError('x')).statusCode).toBe(500);
  });
});

describe('timeouts are one config, under the Lambda timeout', () => {
  it('bounds a call and a request well below the HTTP Lambda timeout', () => {
    const lambdaMs = functionKinds.http.timeout.toMilliseconds();
    // One hung call answers within the budget on its own; only a chain of them runs into the deadline.
    expect(perCallBoundMs(dependencyTimeouts)).toBeLessThanOrEqual(answerBoundMs(dependencyTimeouts));
    expect(answerBoundMs(dependencyTimeouts) + dependencyTimeouts.lambdaMarginMs).toBeLessThanOrEqual(lambdaMs);
    expect(dependencyTimeouts.connectionTimeoutMs).toBeLessThan(dependencyTimeouts.requestTimeoutMs);
  });

  it('stretches the timeouts and the budget, never the attempts or Retry-After, by DEPENDENCY_TIMEOUT_SCALE', () => {
    expect(currentTimeouts({})).toEqual(dependencyTimeouts);
    expect(currentTimeouts({ DEPENDENCY_TIMEOUT_SCALE: '4' })).toEqual({
      ...dependencyTimeouts,
      connectionTimeoutMs: 4 * dependencyTimeouts.connectionTimeoutMs,
      requestTimeoutMs: 4 * dependencyTimeouts.requestTimeoutMs,
      requestBudgetMs: 4 * dependencyTimeouts.requestBudgetMs,
    });
    expect(() => currentTimeouts({ DEPENDENCY_TIMEOUT_SCALE: '0.5' })).toThrow(/DEPENDENCY_TIMEOUT_SCALE/);
  });

  it('gives every client the timeouts, an error on request timeout, and a bounded number of attempts', async () => {
    const config = dependencyClientConfig();
    expect(config).toMatchObject({
      maxAttempts: dependencyTimeouts.maxAttempts,
      requestHandler: {
        connectionTimeout: dependencyTimeouts.connectionTimeoutMs,
        requestTimeout: dependencyTimeouts.requestTimeoutMs,
        throwOnRequestTimeout: true,
      },
    });
    // The request deadline sits in each shared client's stack.
    for (const client of [documentClient, await eventBridgeClient(), campaignSesClient()]) {
      expect(client.middlewareStack.identify().some((entry) => entry.startsWith(CALL_BOUNDS_MIDDLEWARE))).toBe(true);
    }
    expect(dependencyClientConfig({ maxAttempts: 1 }).maxAttempts).toBe(1);
    expect(dependencyClientConfig({ maxAttempts: 10 }).maxAttempts).toBe(dependencyTimeouts.maxAttempts);
  });
});

describe('a hung dependency', () => {
  let hung: Awaited<ReturnType<typeof startHungServer>>;

  beforeAll(async () => {
    hung = await startHungServer();
    // Every client of this file talks to the hung server (each reads its endpoint on its first call).
    for (const service of ['DYNAMODB', 'EVENTBRIDGE', 'SESV2', 'SECRETS_MANAGER', 'SSM']) process.env[`AWS_ENDPOINT_URL_${service}`] = hung.endpoint;
  });
  afterAll(() => hung?.stop());

  it('fails each client’s call as a timeout within the per-call bound (consumers and jobs: no deadline)', async () => {
    const calls: Record<string, () => Promise<unknown>> = {
      dynamodb: () => documentClient.send(new GetCommand({ TableName: 'any', Key: { pk: 'a', sk: 'b' } })),
      eventbridge: () => putOnBus([{ eventId: 'e1', source: 'eventos.test', detailType: 'test.happened', detail: '{}' }]),
      'ses (transactional)': () => sendEmail({ to: 'a@example.com', subject: 's', html: '<p>h</p>', text: 't' }),
      'ses (campaigns)': () => campaignSesClient().send(new GetAccountCommand({})),
      'secrets manager': () =>
        secretsManagerSource({ STRIPE_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:stripe' }).read('stripe'),
      'ssm parameter store': () => secretsManagerSource({ TICKET_SIGNING_PARAMETER: '/eventos/t/ticket-signing-key' }).read('ticketSigningKey'),
    };
    const outcomes = await Promise.all(Object.entries(calls).map(async ([name, call]) => ({ name, ...(await elapsed(call)) })));
    for (const { name, ms, error } of outcomes) {
      expect(dependencyFaultOf(error), name).toBe('timeout');
      expect(ms, name).toBeLessThan(perCallBoundMs() + SLACK_MS);
    }
  });

  it('retries a timed-out read once, but never a timed-out write (it may still take effect)', async () => {
    let before = hung.requests();
    const read = await elapsed(() => documentClient.send(new GetCommand({ TableName: 'any', Key: { pk: 'a', sk: 'b' } })));
    expect(dependencyFaultOf(read.error)).toBe('timeout');
    expect(hung.requests() - before).toBe(dependencyTimeouts.maxAttempts);

    before = hung.requests();
    const write = await elapsed(() =>
      documentClient.send(new PutCommand({ TableName: 'any', Item: { pk: 'a', sk: 'b' }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
    expect(write.error).toBeInstanceOf(WriteTimeout);
    expect(dependencyFaultOf(write.error)).toBe('timeout');
    expect(hung.requests() - before).toBe(1);
    expect(write.ms).toBeLessThan(dependencyTimeouts.requestTimeoutMs + SLACK_MS);
  });

  it('gives up at the request deadline without a retry, and starts nothing once it has passed', async () => {
    const before = hung.requests();
    const cut = await elapsed(() =>
      withDeadline(Date.now() + 300, () => documentClient.send(new GetCommand({ TableName: 'any', Key: { pk: 'a', sk: 'b' } }))),
    );
    expect(cut.error).toBeInstanceOf(DeadlineExceeded);
    expect(dependencyFaultOf(cut.error)).toBe('timeout');
    expect(cut.ms).toBeLessThan(dependencyTimeouts.requestTimeoutMs);
    expect(hung.requests() - before).toBe(1);

    const spent = await elapsed(() => withDeadline(Date.now() - 1, () => documentClient.send(new GetCommand({ TableName: 'any', Key: { pk: 'a', sk: 'b' } }))));
    expect(spent.error).toBeInstanceOf(DeadlineExceeded);
    expect(hung.requests() - before).toBe(1);
  });

  it('makes an HTTP request that calls it again and again answer 503 within the request budget', async () => {
    const route = defineRoute({
      operationId: 'testChain',
      method: 'GET',
      path: '/v1/chain',
      handler: 'test/chain',
      permission: null,
      summary: 'test',
      tag: 'test',
      responses: { 200: { description: 'OK' } },
    });
    // Like a domain call followed by its clean-up: each call alone would wait the per-call bound.
    const handler = httpHandler(route, async () => {
      for (let i = 0; i < 4; i++) {
        await documentClient.send(new GetCommand({ TableName: 'any', Key: { pk: 'a', sk: String(i) } })).catch(() => undefined);
      }
      await documentClient.send(new GetCommand({ TableName: 'any', Key: { pk: 'a', sk: 'last' } }));
      return ok({});
    });
    const event = {
      version: '2.0',
      routeKey: 'GET /v1/chain',
      rawPath: '/v1/chain',
      rawQueryString: '',
      headers: {},
      requestContext: { requestId: 'r1', http: { method: 'GET', path: '/v1/chain' } },
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;
    const started = performance.now();
    const res = (await handler(event, lambdaContext('testChain', 'r1'))) as APIGatewayProxyStructuredResultV2;
    const ms = performance.now() - started;
    expect(res.statusCode).toBe(503);
    expect(res.headers).toMatchObject({ 'retry-after': String(dependencyTimeouts.retryAfterSeconds) });
    expect(JSON.parse(res.body!).code).toBe('dependency_unavailable');
    expect(ms).toBeLessThan(answerBoundMs() + SLACK_MS);
  });
});

describe('a dependency that is not there', () => {
  it('is unreachable, and says so at once', async () => {
    const client = new DynamoDBClient({ ...dependencyClientConfig(), endpoint: `http://127.0.0.1:${await freePort()}` });
    const { ms, error } = await elapsed(() => client.send(new GetItemCommand({ TableName: 'any', Key: { pk: { S: 'a' } } })));
    client.destroy();
    expect(dependencyFaultOf(error)).toBe('unreachable');
    expect(ms).toBeLessThan(dependencyTimeouts.connectionTimeoutMs + SLACK_MS);
  });
});
