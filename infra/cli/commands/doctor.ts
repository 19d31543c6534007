import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetAccountCommand, GetEmailIdentityCommand } from '@aws-sdk/client-sesv2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import type { Command } from 'commander';
import { parameterSecrets, tenantParameterName } from '#packages/core/tenant-secrets.ts';
import { Listr } from 'listr2';
import type { CliDeps } from '../deps.ts';
import { readStripeKeys } from '../stripe-secret.ts';
import { CliError, stackOutputs, tenantContext, type TenantContext, type TenantOutputs } from '../tenant-context.ts';

interface Check {
  title: string;
  /** Resolves to what it found; throws (with the fix in the message) when not ready. */
  run: () => Promise<string>;
}

/** The bootstrap stack's usable states: created or updated, or an update rolled back to a working one. */
const USABLE = /^((CREATE|UPDATE|IMPORT)_COMPLETE|UPDATE_ROLLBACK_COMPLETE)$/;

function checksFor(ctx: TenantContext): Check[] {
  const { cloudFormation, ses, secrets, ssm } = ctx.aws;
  let outputs: Promise<TenantOutputs> | undefined;
  const deployed = () => (outputs ??= stackOutputs(cloudFormation, ctx.stackName));
  return [
    {
      title: `CDK bootstrap (stack CDKToolkit in ${ctx.region})`,
      run: async () => {
        const stack = await cloudFormation
          .send(new DescribeStacksCommand({ StackName: 'CDKToolkit' }))
          .then((r) => r.Stacks?.[0])
          .catch(() => undefined);
        if (!stack) throw new CliError(`not bootstrapped: npx cdk bootstrap aws://${ctx.tenant.account ?? '<account>'}/${ctx.region}`);
        if (!USABLE.test(stack.StackStatus ?? '')) throw new CliError(`CDKToolkit is ${stack.StackStatus}`);
        return String(stack.StackStatus);
      },
    },
    { title: `stack ${ctx.stackName} deployed`, run: async () => (await deployed()).ApiUrl },
    {
      title: `SES identity ${ctx.tenant.mailFromDomain} verified`,
      run: async () => {
        const identity = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: ctx.tenant.mailFromDomain })).catch((error: Error) => {
          throw new CliError(`${error.name}: deploy the stack (it creates the identity) or create it in SES`);
        });
        const dkim = identity.DkimAttributes?.Status ?? 'unknown';
        if (!identity.VerifiedForSendingStatus) throw new CliError(`not verified yet (DKIM ${dkim}): publish the stack's DkimRecord outputs in DNS`);
        return `DKIM ${dkim}`;
      },
    },
    {
      title: 'SES production access (out of the sandbox)',
      run: async () => {
        const account = await ses.send(new GetAccountCommand({}));
        if (!account.SendingEnabled) throw new CliError('sending is paused for this account');
        if (!account.ProductionAccessEnabled) throw new CliError('still in the sandbox (mail only to verified addresses): request production access');
        return `${account.SendQuota?.MaxSendRate ?? '?'} messages/s`;
      },
    },
    {
      title: 'signing keys in SSM Parameter Store',
      run: async () => {
        const missing: string[] = [];
        for (const key of parameterSecrets) {
          const name = tenantParameterName(ctx.tenant.name, key);
          // Without decryption: whether it exists, not its value.
          const found = await ssm.send(new GetParameterCommand({ Name: name })).catch((error: Error) => {
            if (error.name === 'ParameterNotFound') return undefined;
            throw error;
          });
          if (!found?.Parameter) missing.push(name);
        }
        if (missing.length) throw new CliError(`missing ${missing.join(', ')}: eventos tenant deploy ${ctx.tenant.name} creates them`);
        return parameterSecrets.map((key) => tenantParameterName(ctx.tenant.name, key)).join(', ');
      },
    },
    {
      title: 'Stripe API key and webhook secret set',
      run: async () => {
        const keys = await readStripeKeys(secrets, (await deployed()).StripeSecretArn);
        if (!keys.secretKey) throw new CliError(`no API key: eventos secrets set stripe -t ${ctx.tenant.name}`);
        if (!keys.webhookSecret) throw new CliError(`no webhook secret: eventos stripe connect -t ${ctx.tenant.name}`);
        return keys.secretKey.startsWith('sk_live_') || keys.secretKey.startsWith('rk_live_') ? 'live mode' : 'test mode';
      },
    },
  ];
}

export function doctorCommand(program: Command, deps: CliDeps): void {
  program
    .command('doctor')
    .description('check that a tenant is ready: CDK bootstrap, stack, SES identity and production access, signing keys, Stripe keys')
    .requiredOption('-t, --tenant <name>', 'tenant')
    .action(async (o: { tenant: string }) => {
      const ctx = tenantContext(deps, o.tenant);
      const results: { title: string; ok: boolean; detail: string }[] = [];
      const checks = checksFor(ctx);
      await new Listr(
        checks.map((check) => ({
          title: check.title,
          task: async () => {
            try {
              results.push({ title: check.title, ok: true, detail: await check.run() });
            } catch (error) {
              results.push({ title: check.title, ok: false, detail: (error as Error).message });
              throw error;
            }
          },
        })),
        // Every check runs: the operator gets the whole list of what to fix at once.
        { renderer: deps.renderer, exitOnError: false, concurrent: false },
      ).run();
      for (const r of results) deps.out(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.title}: ${r.detail}`);
      const failed = results.filter((r) => !r.ok).length;
      if (failed > 0) throw new CliError(`${failed} of ${checks.length} checks failed.`);
      deps.out(`${o.tenant} is ready.`);
    });
}
