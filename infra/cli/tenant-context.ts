import { DescribeStacksCommand, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation';
import { loadTenants, stackNameOf, type TenantConfig } from '../tenants.ts';
import type { AwsClients, CliDeps } from './deps.ts';

/** A failure the operator can act on: printed as its message, exit code 1, no stack trace. */
export class CliError extends Error {
  override name = 'CliError';
}

/** The outputs of a deployed tenant stack that the CLI reads (infra/tenant-stack.ts). */
export interface TenantOutputs {
  ApiUrl: string;
  UserPoolId: string;
  UserPoolClientId: string;
  StripeSecretArn: string;
  [name: string]: string;
}

export interface TenantContext {
  tenant: TenantConfig;
  stackName: string;
  region: string;
  aws: AwsClients;
}

/** The tenant as tenants.json resolves it (defaults applied). */
export function findTenant(deps: Pick<CliDeps, 'tenantsFile'>, name: string): TenantConfig {
  const tenants = loadTenants(deps.tenantsFile);
  const tenant = tenants.find((t) => t.name === name);
  if (!tenant) {
    throw new CliError(`Unknown tenant "${name}". Known: ${tenants.map((t) => t.name).join(', ')}. Add one with \`eventos tenant add\`.`);
  }
  return tenant;
}

/** The tenant from tenants.json, its region (tenants.json, else the shell's) and that region's clients. */
export function tenantContext(deps: CliDeps, name: string): TenantContext {
  const tenant = findTenant(deps, name);
  const region = tenant.region ?? deps.env.AWS_REGION ?? deps.env.AWS_DEFAULT_REGION ?? deps.env.CDK_DEFAULT_REGION;
  if (!region) throw new CliError(`Tenant "${name}" has no region in tenants.json and AWS_REGION is not set.`);
  return { tenant, stackName: stackNameOf(tenant), region, aws: deps.aws(region) };
}

/** The stack's outputs by key; a stack that is not there is told as "deploy it first". */
export async function stackOutputs(cloudFormation: CloudFormationClient, stackName: string): Promise<TenantOutputs> {
  let stack: Stack | undefined;
  try {
    stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) throw new CliError(`Stack ${stackName} is not deployed: run \`eventos tenant deploy\` first.`);
    throw error;
  }
  if (!stack) throw new CliError(`Stack ${stackName} is not deployed: run \`eventos tenant deploy\` first.`);
  const outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  for (const key of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'StripeSecretArn']) {
    if (!outputs[key]) throw new CliError(`Stack ${stackName} has no output ${key} (status ${stack.StackStatus}); deploy the current version.`);
  }
  return outputs as TenantOutputs;
}
