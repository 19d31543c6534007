import { readFileSync } from 'node:fs';
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { cdkJsonFile } from './paths.ts';
import { TenantStack, type TenantDefinitions } from './tenant-stack.ts';
import { loadTenants, selectTenants, stackNameOf, type TenantConfig } from './tenants.ts';

export interface TenantAppOptions {
  /** Value of `-c tenant=…`: a name, a comma-separated list, "all" or undefined (all). */
  selector?: unknown;
  /** Tenants to pick from (default: infra/tenants.json). */
  tenants?: TenantConfig[];
  definitions?: Partial<TenantDefinitions>;
}

/**
 * Adds one `EventOS-<tenant>` stack per selected tenant and registers cdk-nag's
 * AwsSolutions pack (v3: a policy-validation plugin; any unacknowledged finding,
 * error or warning, fails `cdk synth` and lands in cdk.out/validation-report.json).
 */
export function addTenantStacks(app: App, options: TenantAppOptions = {}): TenantStack[] {
  const selected = selectTenants(options.tenants ?? loadTenants(), options.selector);
  const stacks = selected.map(
    (tenant) =>
      new TenantStack(app, stackNameOf(tenant), {
        tenant,
        env: {
          account: tenant.account ?? process.env.CDK_DEFAULT_ACCOUNT,
          region: tenant.region ?? process.env.CDK_DEFAULT_REGION,
        },
        definitions: options.definitions,
      }),
  );
  addNagChecks(app);
  return stacks;
}

/** cdk-nag v3 registration: the AwsSolutions pack as a policy-validation plugin of the app. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/** The `context` block of cdk.json (feature flags), so tests synthesize what `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const json = JSON.parse(readFileSync(cdkJsonFile, 'utf8')) as { context?: Record<string, unknown> };
  return json.context ?? {};
}
