import type { Command } from 'commander';
import { Listr } from 'listr2';
import { routes } from '#packages/api/routes/index.ts';
import { STRIPE_API_VERSION } from '#packages/payments/stripe-client.ts';
import type { CliDeps } from '../deps.ts';
import { handledStripeEvents } from '../stripe-events.ts';
import { readStripeKeys, writeStripeKeys } from '../stripe-secret.ts';
import { CliError, stackOutputs, tenantContext } from '../tenant-context.ts';

/** The deployed webhook route: the stack's ApiUrl + the path the route table gives `stripeWebhook`. */
export function webhookUrlOf(apiUrl: string): string {
  const route = routes.find((r) => r.operationId === 'stripeWebhook');
  if (!route) throw new Error('The route table has no stripeWebhook route');
  return new URL(route.path.replace(/^\//, ''), apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`).toString();
}

export function stripeCommands(program: Command, deps: CliDeps): void {
  const stripe = program.command('stripe').description("the tenant's Stripe account");

  stripe
    .command('connect')
    .description('register the deployed webhook route with Stripe for the events the product handles, and store its signing secret')
    .requiredOption('-t, --tenant <name>', 'tenant')
    .option('--replace', 'an endpoint with this URL exists: create a new one, store its secret, then delete the old one')
    .action(async (o: { tenant: string; replace?: boolean }) => {
      const ctx = tenantContext(deps, o.tenant);
      const state = {} as { url: string; secretArn: string; secretKey: string; existing: string[]; created: { id: string; secret: string } };
      await new Listr(
        [
          {
            title: `read the outputs of ${ctx.stackName}`,
            task: async () => {
              const outputs = await stackOutputs(ctx.aws.cloudFormation, ctx.stackName);
              state.url = webhookUrlOf(outputs.ApiUrl);
              state.secretArn = outputs.StripeSecretArn;
            },
          },
          {
            title: 'read the Stripe API key',
            task: async () => {
              const { secretKey } = await readStripeKeys(ctx.aws.secrets, state.secretArn);
              if (!secretKey) throw new CliError(`No Stripe API key stored yet: run \`eventos secrets set stripe -t ${o.tenant}\` first.`);
              state.secretKey = secretKey;
            },
          },
          {
            // Stripe shows an endpoint's signing secret only when it is created: an endpoint
            // already there cannot be adopted, only replaced.
            title: 'look for an endpoint with the same URL',
            task: async () => {
              const { data } = await deps.stripe(state.secretKey).webhookEndpoints.list({ limit: 100 });
              state.existing = data.filter((endpoint) => endpoint.url === state.url).map((endpoint) => endpoint.id);
              if (state.existing.length > 0 && !o.replace) {
                throw new CliError(`Stripe already sends to ${state.url} (${state.existing.join(', ')}); its secret cannot be read back. Re-run with --replace.`);
              }
            },
          },
          {
            title: `create the endpoint for ${handledStripeEvents.join(', ')}`,
            task: async () => {
              const endpoint = await deps.stripe(state.secretKey).webhookEndpoints.create({
                url: state.url,
                enabled_events: [...handledStripeEvents],
                // The version the code reads payloads as (packages/payments/stripe-client.ts).
                api_version: STRIPE_API_VERSION,
                description: `EventOS tenant ${o.tenant}`,
              });
              if (!endpoint.secret) throw new CliError(`Stripe created endpoint ${endpoint.id} but returned no signing secret.`);
              state.created = { id: endpoint.id, secret: endpoint.secret };
            },
          },
          {
            title: 'store the signing secret in Secrets Manager',
            task: () => writeStripeKeys(ctx.aws.secrets, state.secretArn, { secretKey: state.secretKey, webhookSecret: state.created.secret }),
          },
          {
            title: 'delete the endpoints it replaces',
            skip: () => state.existing.length === 0,
            task: async () => {
              for (const id of state.existing) await deps.stripe(state.secretKey).webhookEndpoints.del(id);
            },
          },
        ],
        { renderer: deps.renderer, exitOnError: true },
      ).run();
      deps.out(`Stripe sends ${handledStripeEvents.join(', ')} to ${state.url} (endpoint ${state.created.id}); its signing secret is stored.`);
    });
}
