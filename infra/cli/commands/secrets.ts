import type { Command } from 'commander';
import type { CliDeps } from '../deps.ts';
import { readStripeKeys, writeStripeKeys } from '../stripe-secret.ts';
import { stackOutputs, tenantContext } from '../tenant-context.ts';

export function secretsCommands(program: Command, deps: CliDeps): void {
  const secrets = program.command('secrets').description("a tenant's secrets in Secrets Manager");
  const set = secrets.command('set').description('set a secret');

  set
    .command('stripe')
    .description("set the tenant's Stripe API key (and, if given, the webhook signing secret; `stripe connect` sets that one)")
    .requiredOption('-t, --tenant <name>', 'tenant')
    // Options land in shell history; the variables or the prompt do not.
    .option('--secret-key <key>', 'sk_live_… / sk_test_… / rk_… (else STRIPE_SECRET_KEY, else asked)')
    .option('--webhook-secret <whsec>', 'whsec_… (else STRIPE_WEBHOOK_SECRET, else the current one is kept)')
    .action(async (o: { tenant: string; secretKey?: string; webhookSecret?: string }) => {
      const ctx = tenantContext(deps, o.tenant);
      const { StripeSecretArn } = await stackOutputs(ctx.aws.cloudFormation, ctx.stackName);
      const secretKey = o.secretKey ?? deps.env.STRIPE_SECRET_KEY ?? (await deps.prompt('Stripe secret key: ', { secret: true }));
      const current = await readStripeKeys(ctx.aws.secrets, StripeSecretArn);
      const webhookSecret = o.webhookSecret ?? deps.env.STRIPE_WEBHOOK_SECRET ?? current.webhookSecret;
      await writeStripeKeys(ctx.aws.secrets, StripeSecretArn, { secretKey, webhookSecret });
      deps.out(
        `Stored the Stripe key of ${o.tenant} (${secretKey.slice(0, 8)}…) in ${StripeSecretArn}.` +
          (webhookSecret ? '' : `\nNo webhook secret yet: run \`eventos stripe connect -t ${o.tenant}\`.`),
      );
    });
}
