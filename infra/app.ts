/**
 * The CDK app (cdk.json: `npx tsx infra/app.ts`).
 *
 *   npx cdk synth -c tenant=acme   one tenant (must be listed in infra/tenants.json)
 *   npx cdk synth -c tenant=all    every tenant (also the default without -c tenant)
 */
import { App } from 'aws-cdk-lib';
import { addTenantStacks } from './tenant-app.ts';
import { TenantConfigError } from './tenants.ts';

const app = new App();
try {
  addTenantStacks(app, { selector: app.node.tryGetContext('tenant') });
} catch (error) {
  if (!(error instanceof TenantConfigError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}
app.synth();
