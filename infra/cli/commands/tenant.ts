import { UpdateTerminationProtectionCommand } from '@aws-sdk/client-cloudformation';
import type { Command } from 'commander';
import { Listr } from 'listr2';
import { loadTenants, stackNameOf } from '../../tenants.ts';
import type { CliDeps } from '../deps.ts';
import { CliError, findTenant, tenantContext } from '../tenant-context.ts';
import { addTenantToFile } from '../tenants-file.ts';
import { ensureSigningKeyParameters } from '../signing-key-parameters.ts';
import { legacySecretName, type ParameterSecret } from '#packages/core/tenant-secrets.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

/** Runs `npx cdk <verb> EventOS-<tenant> -c tenant=<tenant> …`, failing the task on a non-zero exit. */
async function cdk(deps: CliDeps, verb: string, tenant: string, extra: string[] = []): Promise<void> {
  const code = await deps.run('npx', ['cdk', verb, stackNameOf({ name: tenant }), '-c', `tenant=${tenant}`, ...extra]);
  if (code !== 0) throw new CliError(`cdk ${verb} exited with code ${code}`);
}

/** What a destroyed stack leaves behind on purpose (RETAIN), for the off-boarding steps. */
const RETAINED = [
  'the DynamoDB table (deletion protection on; point-in-time recovery keeps 35 days)',
  'the Cognito user pool (deletion protection on)',
  'the secret eventos/<tenant>/stripe (Stripe keys) and the SSM parameters /eventos/<tenant>/* (ticket-signing and marketing-token keys)',
  'the API access log group',
];

export function tenantCommands(program: Command, deps: CliDeps): void {
  const tenant = program.command('tenant').description('the tenants of infra/tenants.json and their stacks');

  tenant
    .command('add <name>')
    .description('add a tenant to infra/tenants.json (validated as synth validates it)')
    .requiredOption('--mail-from-domain <domain>', 'domain its email is sent from (an SES identity)')
    .option('--alert-email <email>', 'where its alarms are mailed (else the file\'s "defaults")')
    .option('--region <region>', 'AWS region of its stack (else the shell\'s)')
    .option('--account <id>', 'AWS account of its stack (else the shell\'s)')
    .option('--cors-origin <origin>', 'a browser origin allowed to call the API (repeatable)', collect, [])
    .action((name: string, o: { mailFromDomain: string; alertEmail?: string; region?: string; account?: string; corsOrigin: string[] }) => {
      addTenantToFile(deps.tenantsFile, {
        name,
        region: o.region,
        account: o.account,
        mailFromDomain: o.mailFromDomain,
        alertEmail: o.alertEmail,
        corsOrigins: o.corsOrigin,
      });
      deps.out(`Added ${name} (stack ${stackNameOf({ name })}). Next: eventos tenant deploy ${name}`);
    });

  tenant
    .command('list')
    .description('list the tenants with their stack, region and addresses')
    .action(() => {
      for (const t of loadTenants(deps.tenantsFile)) {
        deps.out([t.name, stackNameOf(t), t.region ?? '(shell region)', t.account ?? '(shell account)', t.mailFrom, `alerts → ${t.alertEmail}`].join('\t'));
      }
    });

  for (const [verb, description] of [
    ['deploy', 'deploy (or update) the tenant stack, after creating its signing keys in SSM Parameter Store when absent'],
    ['diff', 'show what a deploy would change'],
  ] as const) {
    tenant
      .command(`${verb} <name>`)
      .description(`${description}: npx cdk ${verb} EventOS-<name> -c tenant=<name> [-- cdk options]`)
      .argument('[cdkOptions...]')
      .action(async (name: string, cdkOptions: string[]) => {
        await new Listr(
          [
            { title: `${name} is in tenants.json`, task: () => void findTenant(deps, name) },
            ...(verb === 'deploy'
              ? [
                  {
                    title: 'signing keys in SSM Parameter Store (created when absent, never overwritten)',
                    task: async () => {
                      const outcomes = await ensureSigningKeyParameters(tenantContext(deps, name).aws, name);
                      for (const [key, outcome] of Object.entries(outcomes)) {
                        deps.info(`  ${key}: ${outcome === 'kept' ? 'kept' : outcome === 'created' ? 'created with a random value' : `copied from the Secrets Manager secret ${legacySecretName(name, key as ParameterSecret)} (delete that secret after this deploy: docs/operations.md)`}`);
                      }
                    },
                  },
                ]
              : []),
            { title: `cdk ${verb} ${stackNameOf({ name })}`, task: () => cdk(deps, verb, name, cdkOptions) },
          ],
          { renderer: deps.renderer, exitOnError: true },
        ).run();
      });
  }

  tenant
    .command('destroy <name>')
    .description('delete the tenant stack; data, users and secrets are retained (docs/operations.md: off-boarding)')
    .option('--yes', 'do not ask to type the tenant name')
    .action(async (name: string, o: { yes?: boolean }) => {
      const ctx = tenantContext(deps, name);
      if (!o.yes) {
        const typed = await deps.prompt(`Type "${name}" to delete stack ${ctx.stackName} in ${ctx.region}: `);
        if (typed !== name) throw new CliError('Not confirmed; nothing was deleted.');
      }
      await new Listr(
        [
          {
            // The stack is created with termination protection (it holds customer data).
            title: `turn off termination protection of ${ctx.stackName}`,
            task: () =>
              ctx.aws.cloudFormation.send(
                new UpdateTerminationProtectionCommand({ StackName: ctx.stackName, EnableTerminationProtection: false }),
              ),
          },
          { title: `cdk destroy ${ctx.stackName}`, task: () => cdk(deps, 'destroy', name, ['--force']) },
        ],
        { renderer: deps.renderer, exitOnError: true },
      ).run();
      deps.out(`Deleted ${ctx.stackName}. Retained, to export or delete by hand:\n${RETAINED.map((r) => `  - ${r.replace('<tenant>', name)}`).join('\n')}`);
    });
}
