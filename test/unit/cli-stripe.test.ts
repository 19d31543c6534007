import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { beforeEach, describe, expect, it } from 'vitest';
import { webhookUrlOf } from '../../infra/cli/commands/stripe.ts';
import type { StripeClient } from '../../infra/cli/deps.ts';
import { handledStripeEvents } from '../../infra/cli/stripe-events.ts';
import { repoRoot } from '../../infra/paths.ts';
import { STRIPE_API_VERSION } from '#packages/payments/stripe-client.ts';
import { acmeOutputs, cliHarness, mocks, resetMocks, stackDeployed } from '../support/cli-harness.ts';

beforeEach(() => {
  resetMocks();
  stackDeployed();
});

const SECRET_KEY = 'sk_test_51AbCdEf';
const storedSecret = (value: Record<string, string>) =>
  mocks.secrets.on(GetSecretValueCommand, { SecretId: acmeOutputs.StripeSecretArn }).resolves({ SecretString: JSON.stringify(value) });
const written = () => mocks.secrets.commandCalls(PutSecretValueCommand).map((c) => ({ id: c.args[0].input.SecretId, value: JSON.parse(c.args[0].input.SecretString!) }));

/** A Stripe account's webhook endpoints, in memory, answering as Stripe's API does. */
function fakeStripe(existing: { id: string; url: string }[] = []) {
  const endpoints = [...existing];
  const created: Record<string, unknown>[] = [];
  const deleted: string[] = [];
  const client: StripeClient = {
    webhookEndpoints: {
      create: async (params) => {
        created.push(params);
        const endpoint = { id: `we_${created.length}`, url: params.url, secret: `whsec_new${created.length}` };
        endpoints.push(endpoint);
        return endpoint;
      },
      list: async () => ({ data: endpoints.map(({ id, url }) => ({ id, url })) }),
      del: async (id) => {
        deleted.push(id);
        return { id, deleted: true };
      },
    },
  };
  return { client, created, deleted };
}

describe('eventos secrets set stripe', () => {
  it('writes the key into the secret the stack outputs, keeping the webhook secret already there', async () => {
    storedSecret({ secretKey: 'set-me', webhookSecret: 'whsec_existing' });
    const h = cliHarness({ env: { STRIPE_SECRET_KEY: SECRET_KEY } });
    await h.cli('secrets', 'set', 'stripe', '-t', 'acme');
    expect(written()).toEqual([{ id: acmeOutputs.StripeSecretArn, value: { secretKey: SECRET_KEY, webhookSecret: 'whsec_existing' } }]);
    expect(h.out.join('\n')).not.toContain(SECRET_KEY);
  });

  it('asks for the key when neither option nor variable gives it, and says what is left to do', async () => {
    storedSecret({ secretKey: 'set-me', webhookSecret: 'set-me', placeholder: 'x' });
    const h = cliHarness({ answers: [SECRET_KEY] });
    await h.cli('secrets', 'set', 'stripe', '-t', 'acme');
    expect(h.asked).toEqual(['Stripe secret key: ']);
    expect(written()[0]!.value).toEqual({ secretKey: SECRET_KEY, webhookSecret: 'set-me' });
    expect(h.out.join('\n')).toContain('eventos stripe connect -t acme');
  });

  it('refuses what is not a Stripe key, writing nothing', async () => {
    storedSecret({ secretKey: 'set-me', webhookSecret: 'set-me' });
    const h = cliHarness();
    await expect(h.cli('secrets', 'set', 'stripe', '-t', 'acme', '--secret-key', 'pk_test_public')).rejects.toThrow(/sk_live_/);
    await expect(h.cli('secrets', 'set', 'stripe', '-t', 'acme', '--secret-key', SECRET_KEY, '--webhook-secret', 'nope')).rejects.toThrow(/whsec_/);
    expect(written()).toEqual([]);
  });
});

describe('eventos stripe connect', () => {
  it('registers the deployed webhook route for the handled events at the pinned API version, and stores the signing secret', async () => {
    storedSecret({ secretKey: SECRET_KEY, webhookSecret: 'set-me' });
    const stripe = fakeStripe([{ id: 'we_other', url: 'https://elsewhere.example/hook' }]);
    const h = cliHarness({ stripe: stripe.client });
    await h.cli('stripe', 'connect', '-t', 'acme');
    expect(stripe.created).toEqual([
      {
        url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/v1/webhooks/stripe',
        enabled_events: [...handledStripeEvents],
        api_version: STRIPE_API_VERSION,
        description: 'EventOS tenant acme',
      },
    ]);
    expect(written()).toEqual([{ id: acmeOutputs.StripeSecretArn, value: { secretKey: SECRET_KEY, webhookSecret: 'whsec_new1' } }]);
    expect(stripe.deleted).toEqual([]);
  });

  it('will not register twice: Stripe shows a secret only at creation; --replace makes a new endpoint, then deletes the old', async () => {
    storedSecret({ secretKey: SECRET_KEY, webhookSecret: 'whsec_old' });
    const url = webhookUrlOf(acmeOutputs.ApiUrl);
    const refused = fakeStripe([{ id: 'we_old', url }]);
    await expect(cliHarness({ stripe: refused.client }).cli('stripe', 'connect', '-t', 'acme')).rejects.toThrow(/--replace/);
    expect(refused.created).toEqual([]);
    expect(written()).toEqual([]);

    const replaced = fakeStripe([{ id: 'we_old', url }]);
    await cliHarness({ stripe: replaced.client }).cli('stripe', 'connect', '-t', 'acme', '--replace');
    expect(replaced.created).toHaveLength(1);
    expect(written()[0]!.value.webhookSecret).toBe('whsec_new1');
    expect(replaced.deleted).toEqual(['we_old']);
  });

  it('needs the API key first', async () => {
    storedSecret({ secretKey: 'set-me', webhookSecret: 'set-me' });
    const stripe = fakeStripe();
    await expect(cliHarness({ stripe: stripe.client }).cli('stripe', 'connect', '-t', 'acme')).rejects.toThrow(/eventos secrets set stripe/);
    expect(stripe.created).toEqual([]);
  });

  it('subscribes to exactly the event types the webhook handler has a case for', () => {
    // Found by its export, wherever the orders feature keeps it.
    const source = findSource(path.join(repoRoot, 'packages'), 'export async function applyStripeEvent');
    const cases = [...source.matchAll(/case '([a-z_.]+)':/g)].map((m) => m[1]);
    expect(cases.length).toBeGreaterThan(0);
    expect([...handledStripeEvents].sort()).toEqual([...new Set(cases)].sort());
  });
});

function findSource(dir: string, needle: string): string {
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(path.join(dir, file), 'utf8');
    if (text.includes(needle)) return text;
  }
  throw new Error(`no file under ${dir} has ${needle}`);
}
