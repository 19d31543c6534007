import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetSecretValueCommand, InternalServiceError, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, InternalServerError, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineRoute } from '#packages/core/route.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { consumers } from '#events/routing.ts';
import { newId } from '#packages/core/ids.ts';
import {
  clearSecretCache,
  currentSecret,
  loadSecrets,
  SECRET_MAX_AGE_SECONDS,
  useLocalSecrets,
} from '#packages/core/secrets/index.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';
import { createPaymentIntent } from '#packages/payments/stripe-client.ts';
import { busEvent, invoke } from '../support/http-events.ts';

// Given: Secrets Manager and SSM faked with aws-sdk-client-mock (their answers are the point), the
// ARN and parameter names CDK would set, and a fake Stripe API that records which key each call carried.

const ARNS = {
  STRIPE_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:eventos/t/stripe-AbCdEf',
  MARKETING_TOKEN_PARAMETER: '/eventos/t/marketing-token-key',
  TICKET_SIGNING_PARAMETER: '/eventos/t/ticket-signing-key',
};
const secretsManager = mockClient(SecretsManagerClient);
const ssm = mockClient(SSMClient);
const stripeKeys = (secretKey: string) => JSON.stringify({ secretKey, webhookSecret: 'whsec_unit' });

let stripeApi: Server;
const keysSeen: string[] = [];

beforeAll(async () => {
  stripeApi = createServer((req, res) => {
    keysSeen.push(String(req.headers.authorization));
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'pi_unit1', object: 'payment_intent', client_secret: 'pi_unit1_secret_x', status: 'requires_payment_method' }));
  });
  await new Promise<void>((resolve) => stripeApi.listen(0, '127.0.0.1', resolve));
  const { port } = stripeApi.address() as AddressInfo;
  vi.stubEnv('STRIPE_API_HOST', '127.0.0.1');
  vi.stubEnv('STRIPE_API_PORT', String(port));
  vi.stubEnv('STRIPE_API_PROTOCOL', 'http');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => stripeApi.close(resolve));
});

beforeEach(() => {
  for (const [name, arn] of Object.entries(ARNS)) vi.stubEnv(name, arn);
  secretsManager.reset();
  ssm.reset();
  clearSecretCache();
  keysSeen.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
  useLocalSecrets(null);
});

const payRoute = defineRoute({
  operationId: 'testPay',
  method: 'GET',
  path: '/v1/test-pay',
  handler: 'test/pay',
  permission: null,
  summary: 'test',
  tag: 'test',
  responses: { 200: { description: 'OK' } },
  secrets: ['stripe'],
});

describe('secrets come from the route’s declaration and are refreshed (item 10)', () => {
  it('a filled-in placeholder, then a rotated Stripe key, are used once maxAge has passed, without a cold start', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let stored = stripeKeys('set-me'); // what CDK creates before the operator pastes the key
    secretsManager.on(GetSecretValueCommand, { SecretId: ARNS.STRIPE_SECRET_ARN }).callsFake(async () => ({ SecretString: stored }));
    let ran = 0;
    // One handler, built once: the same warm function across every request below.
    const handler = httpHandler(payRoute, async () => {
      ran++;
      return ok(await createPaymentIntent({ orderId: newId(), amount: 100, currency: 'EUR' }));
    });

    expect((await invoke(handler, payRoute)).status).toBe(500); // the placeholder is not a Stripe key
    stored = stripeKeys('sk_test_first');
    expect((await invoke(handler, payRoute)).status).toBe(500); // still cached
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);

    vi.setSystemTime(Date.now() + (SECRET_MAX_AGE_SECONDS + 1) * 1000);
    expect((await invoke(handler, payRoute)).status).toBe(200);
    expect(keysSeen).toEqual(['Bearer sk_test_first']);

    stored = stripeKeys('sk_test_rotated');
    expect((await invoke(handler, payRoute)).status).toBe(200);
    vi.setSystemTime(Date.now() + (SECRET_MAX_AGE_SECONDS + 1) * 1000);
    expect((await invoke(handler, payRoute)).status).toBe(200);
    expect(keysSeen).toEqual(['Bearer sk_test_first', 'Bearer sk_test_first', 'Bearer sk_test_rotated']);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(3);
    expect(ran).toBe(5);

    // Never copied into the environment.
    const env = Object.values(process.env).join('\n');
    expect(env).not.toContain('sk_test_first');
    expect(env).not.toContain('sk_test_rotated');
  });

  it('a Secrets Manager outage surfaces as the SDK’s own error, and the domain call never runs', async () => {
    const outage = new InternalServiceError({ message: 'Secrets Manager is down', $metadata: { httpStatusCode: 500 } });
    secretsManager.on(GetSecretValueCommand).rejects(outage);
    await expect(loadSecrets(['stripe'])).rejects.toBe(outage);

    let ran = 0;
    const handler = httpHandler(payRoute, async () => {
      ran++;
      return ok({});
    });
    expect((await invoke(handler, payRoute)).status).toBeGreaterThanOrEqual(500);
    expect(ran).toBe(0);
  });

  it('a route reads only the secrets it declares, locally too', async () => {
    useLocalSecrets({ stripe: stripeKeys('sk_test_local'), marketingTokenKey: 'm'.repeat(32) });
    const route = defineRoute({ ...payRoute, operationId: 'testNoSecrets', secrets: [] });
    const handler = httpHandler(route, async () => ok({ key: currentSecret('marketingTokenKey').length }));
    expect((await invoke(handler, route)).status).toBe(500);
    const declared = defineRoute({ ...payRoute, operationId: 'testMarketing', secrets: ['marketingTokenKey'] });
    const allowed = httpHandler(declared, async () => ok({ key: currentSecret('marketingTokenKey').length }));
    expect(await invoke(allowed, declared)).toEqual({ status: 200, body: { key: 32 } });
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('a consumer gets the secrets of its routing row, and no others', async () => {
    ssm.on(GetParameterCommand, { Name: ARNS.MARKETING_TOKEN_PARAMETER, WithDecryption: true }).resolves({ Parameter: { Value: 'k'.repeat(40) } });
    const seen: string[] = [];
    const send = consumerHandler(consumers.campaignSend, async () => {
      seen.push(new TextDecoder().decode(currentSecret('marketingTokenKey')));
    });
    await send(busEvent('campaign.send_requested'), {});
    expect(seen).toEqual(['k'.repeat(40)]);

    const counter = consumerHandler(consumers.countSales, async () => {
      currentSecret('marketingTokenKey');
    });
    await expect(counter(busEvent('order.paid'), {})).rejects.toThrow(/not in the secrets this route or consumer declares/);
  });

  it('the generated signing keys come from their SecureString parameters, decrypted and cached, never from Secrets Manager', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let stored = 't'.repeat(64);
    ssm.on(GetParameterCommand, { Name: ARNS.TICKET_SIGNING_PARAMETER, WithDecryption: true }).callsFake(async () => ({ Parameter: { Value: stored } }));
    const first = await loadSecrets(['ticketSigningKey']);
    stored = 'u'.repeat(64);
    const cached = await loadSecrets(['ticketSigningKey']);
    expect(new TextDecoder().decode(first.ticketSigningKey)).toBe('t'.repeat(64));
    expect(new TextDecoder().decode(cached.ticketSigningKey)).toBe('t'.repeat(64));
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    vi.setSystemTime(Date.now() + (SECRET_MAX_AGE_SECONDS + 1) * 1000);
    expect(new TextDecoder().decode((await loadSecrets(['ticketSigningKey'])).ticketSigningKey)).toBe('u'.repeat(64));
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('an SSM outage surfaces as the SDK’s own error; a key too short is refused', async () => {
    const outage = new InternalServerError({ message: 'SSM is down', $metadata: { httpStatusCode: 500 } });
    ssm.on(GetParameterCommand).rejects(outage);
    await expect(loadSecrets(['ticketSigningKey'])).rejects.toBe(outage);
    ssm.reset();
    clearSecretCache();
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'short' } });
    await expect(loadSecrets(['marketingTokenKey'])).rejects.toThrow(/marketingTokenKey secret must be at least/);
  });
});
