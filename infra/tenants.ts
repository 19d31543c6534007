import { readFileSync } from 'node:fs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type * as z from 'zod';
import { tenantsFile } from './paths.ts';
import { type Settings, TenantsFile } from './tenant-schema.ts';

/**
 * infra/tenants.json: the operator's list of tenants. Each tenant becomes one
 * stack (`EventOS-<name>`) with its own table, bus, user pool, secret, API.
 * Settings left out fall back to the file's `defaults` block, then to
 * `builtInDefaults` below.
 */

export class TenantConfigError extends Error {
  override name = 'TenantConfigError';
}

export interface TenantConfig {
  name: string;
  account: string | undefined;
  region: string | undefined;
  corsOrigins: string[];
  alertEmail: string;
  mailFromDomain: string;
  mailFrom: string;
  createEmailIdentity: boolean;
  throttle: { rateLimit: number; burstLimit: number };
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  logRetentionDays: RetentionDays;
  tracing: boolean;
  retention: { timelineDays: number; campaignDays: number };
  domain?: { name: string; hostedZoneId?: string; hostedZoneName?: string };
  accessLogRetentionDays: RetentionDays;
  deadLetterRetentionDays: number;
  mfa: 'required' | 'optional';
  cognitoFeaturePlan: 'essentials' | 'plus';
}

export const builtInDefaults = {
  corsOrigins: [] as string[],
  mailFromLocalPart: 'tickets',
  createEmailIdentity: true,
  throttle: { rateLimit: 100, burstLimit: 200 },
  logLevel: 'INFO',
  logRetentionDays: RetentionDays.ONE_MONTH,
  tracing: false,
  retention: { timelineDays: 0, campaignDays: 0 },
  accessLogRetentionDays: RetentionDays.ONE_YEAR,
  deadLetterRetentionDays: 14,
  mfa: 'required',
  cognitoFeaturePlan: 'essentials',
} as const;

function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
}

/** Parses and resolves the tenants file's content; `source` names it in error messages. */
export function parseTenants(raw: unknown, source = 'infra/tenants.json'): TenantConfig[] {
  const parsed = TenantsFile.safeParse(raw);
  if (!parsed.success) throw new TenantConfigError(`${source} is invalid:\n${formatIssues(parsed.error)}`);
  const { defaults = {}, tenants } = parsed.data;

  const seen = new Set<string>();
  return tenants.map((entry) => {
    if (seen.has(entry.name)) throw new TenantConfigError(`${source}: tenant "${entry.name}" is listed twice`);
    seen.add(entry.name);

    const pick = <K extends keyof z.infer<typeof Settings>>(key: K) => entry[key] ?? defaults[key];
    const mailFromDomain = pick('mailFromDomain');
    if (mailFromDomain === undefined) {
      throw new TenantConfigError(
        `${source}: tenant "${entry.name}" has no mailFromDomain (set it on the tenant or in "defaults")`,
      );
    }
    // Required like mailFromDomain: alarms nobody receives are the silence monitoring exists to end.
    const alertEmail = pick('alertEmail');
    if (alertEmail === undefined) {
      throw new TenantConfigError(
        `${source}: tenant "${entry.name}" has no alertEmail, where its alarms are mailed (set it on the tenant or in "defaults")`,
      );
    }
    const throttle = { ...builtInDefaults.throttle, ...defaults.throttle, ...entry.throttle };
    if (throttle.burstLimit < throttle.rateLimit) {
      throw new TenantConfigError(
        `${source}: tenant "${entry.name}": throttle.burstLimit (${throttle.burstLimit}) is below rateLimit (${throttle.rateLimit})`,
      );
    }
    return {
      name: entry.name,
      account: entry.account,
      region: entry.region,
      corsOrigins: pick('corsOrigins') ?? builtInDefaults.corsOrigins,
      alertEmail,
      mailFromDomain,
      mailFrom: `${pick('mailFromLocalPart') ?? builtInDefaults.mailFromLocalPart}@${mailFromDomain}`,
      createEmailIdentity: pick('createEmailIdentity') ?? builtInDefaults.createEmailIdentity,
      throttle,
      logLevel: pick('logLevel') ?? builtInDefaults.logLevel,
      logRetentionDays: (pick('logRetentionDays') ?? builtInDefaults.logRetentionDays) as RetentionDays,
      tracing: pick('tracing') ?? builtInDefaults.tracing,
      retention: { ...builtInDefaults.retention, ...defaults.retention, ...entry.retention },
      // A domain is the tenant's own: set on the tenant, never in "defaults".
      ...(entry.domain ? { domain: entry.domain } : {}),
      accessLogRetentionDays: (pick('accessLogRetentionDays') ?? builtInDefaults.accessLogRetentionDays) as RetentionDays,
      deadLetterRetentionDays: pick('deadLetterRetentionDays') ?? builtInDefaults.deadLetterRetentionDays,
      mfa: pick('mfa') ?? builtInDefaults.mfa,
      cognitoFeaturePlan: pick('cognitoFeaturePlan') ?? builtInDefaults.cognitoFeaturePlan,
    };
  });
}

export function loadTenants(file = tenantsFile): TenantConfig[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TenantConfigError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new TenantConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseTenants(raw, file);
}

/**
 * `-c tenant=<name>` → that tenant; `-c tenant=all` or no context → every tenant.
 * An unknown name fails with the list of known ones.
 */
export function selectTenants(tenants: TenantConfig[], selector: unknown): TenantConfig[] {
  if (selector === undefined || selector === null || selector === '' || selector === 'all') return tenants;
  if (typeof selector !== 'string') {
    throw new TenantConfigError(`-c tenant must be a tenant name or "all", got ${JSON.stringify(selector)}`);
  }
  const names = selector.split(',').map((s) => s.trim());
  return names.map((name) => {
    const tenant = tenants.find((t) => t.name === name);
    if (!tenant) {
      throw new TenantConfigError(
        `Unknown tenant "${name}". Add it to infra/tenants.json or pick one of: ${tenants.map((t) => t.name).join(', ')} (or "all").`,
      );
    }
    return tenant;
  });
}

export const stackNameOf = (tenant: Pick<TenantConfig, 'name'>): string => `EventOS-${tenant.name}`;
