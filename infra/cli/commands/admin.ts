import type { Command } from 'commander';
import { Listr } from 'listr2';
import { CognitoIdentityDirectory } from '#packages/auth/cognito-identity-directory.ts';
import { IdentityConflict } from '#packages/auth/identity-directory.ts';
import { isBuiltInRole } from '#packages/auth/roles.ts';
import type { CliDeps } from '../deps.ts';
import { CliError, stackOutputs, tenantContext } from '../tenant-context.ts';

/** The built-in role whose Cognito group makes a user an administrator (packages/auth/roles.ts). */
const ADMIN_ROLE = 'admin';

export function adminCommands(program: Command, deps: CliDeps): void {
  const admin = program.command('admin').description("the tenant's administrators");

  admin
    .command('create <email>')
    .description('create a user in the tenant user pool, in the admin group; Cognito mails a temporary password')
    .requiredOption('-t, --tenant <name>', 'tenant')
    .action(async (email: string, o: { tenant: string }) => {
      if (!isBuiltInRole(ADMIN_ROLE)) throw new Error(`packages/auth/roles.ts has no "${ADMIN_ROLE}" role`);
      const ctx = tenantContext(deps, o.tenant);
      const state = {} as { directory: CognitoIdentityDirectory; subject: string };
      await new Listr(
        [
          {
            title: `find the user pool of ${ctx.stackName}`,
            task: async () => {
              const { UserPoolId } = await stackOutputs(ctx.aws.cloudFormation, ctx.stackName);
              // The same adapter the users routes call: username = email, email verified, invitation mailed.
              state.directory = new CognitoIdentityDirectory(UserPoolId, ctx.aws.cognito);
            },
          },
          {
            title: `create ${email}`,
            task: async () => {
              try {
                const { subject } = await state.directory.createUser({ email, username: email });
                state.subject = subject ?? email;
              } catch (error) {
                if (error instanceof IdentityConflict) throw new CliError(`${email} already has an account in this pool.`);
                throw error;
              }
            },
          },
          { title: `add to the ${ADMIN_ROLE} group`, task: () => state.directory.addToGroup(state.subject, ADMIN_ROLE) },
        ],
        { renderer: deps.renderer, exitOnError: true },
      ).run();
      deps.out(
        `Created ${email} (sub ${state.subject}) as ${ADMIN_ROLE} of ${o.tenant}. Cognito mailed a temporary password, valid 3 days;\n` +
          `\`eventos token -t ${o.tenant} --email ${email}\` signs in, sets the new password and enrols the authenticator app.`,
      );
    });
}
