import type { Command } from 'commander';
import type { CliDeps } from '../deps.ts';
import { signIn } from '../sign-in.ts';
import { stackOutputs, tenantContext } from '../tenant-context.ts';

export function tokenCommand(program: Command, deps: CliDeps): void {
  program
    .command('token')
    .description('sign in to the tenant user pool and print an ID token for the deployed API (Authorization: Bearer …)')
    .requiredOption('-t, --tenant <name>', 'tenant')
    .requiredOption('--email <email>', 'the user to sign in as')
    .option('--code <totp>', 'a code from the authenticator app (else asked for when Cognito wants one)')
    .action(async (o: { tenant: string; email: string; code?: string }) => {
      const ctx = tenantContext(deps, o.tenant);
      const outputs = await stackOutputs(ctx.aws.cloudFormation, ctx.stackName);
      // Not an option: options land in shell history.
      const password = deps.env.EVENTOS_PASSWORD ?? (await deps.prompt(`Password of ${o.email}: `, { secret: true }));
      const idToken = await signIn(
        ctx.aws.cognito,
        { userPoolId: outputs.UserPoolId, clientId: outputs.UserPoolClientId, email: o.email, password, tenant: o.tenant, code: o.code },
        deps.prompt,
        deps.info,
      );
      deps.info(`ID token for ${o.email} at ${outputs.ApiUrl} (valid 1 hour):`);
      deps.out(idToken);
    });
}
