/**
 * The operator CLI (`npm run -s eventos -- <command>`; docs/operations.md).
 * Run from the repository: deploy/diff/destroy call `npx cdk` here.
 */
import { CommanderError } from 'commander';
import { TenantConfigError } from '../tenants.ts';
import { realDeps } from './deps.ts';
import { buildProgram } from './program.ts';
import { CliError } from './tenant-context.ts';

try {
  await buildProgram(realDeps()).parseAsync(process.argv);
} catch (error) {
  // Commander has printed help or its own message already.
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof CliError || error instanceof TenantConfigError) {
    console.error(`\n${error.message}`);
    process.exit(1);
  }
  throw error;
}
