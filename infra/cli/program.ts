import { Command } from 'commander';
import { adminCommands } from './commands/admin.ts';
import { doctorCommand } from './commands/doctor.ts';
import { secretsCommands } from './commands/secrets.ts';
import { stripeCommands } from './commands/stripe.ts';
import { tenantCommands } from './commands/tenant.ts';
import { tokenCommand } from './commands/token.ts';
import type { CliDeps } from './deps.ts';

/**
 * `eventos`: the operator's commands around the tenant stacks
 * (docs/operations.md). Built over injected dependencies so that tests run
 * every command against mocks (test/unit/cli-*.test.ts).
 */
export function buildProgram(deps: CliDeps): Command {
  const program = new Command('eventos')
    .description('EventOS operator CLI: tenants, their stacks, secrets, Stripe, admins, tokens')
    // Errors are thrown to the caller (main.ts prints them); commander must not exit a test run.
    .exitOverride()
    .showHelpAfterError();
  tenantCommands(program, deps);
  secretsCommands(program, deps);
  stripeCommands(program, deps);
  adminCommands(program, deps);
  tokenCommand(program, deps);
  doctorCommand(program, deps);
  return program;
}
