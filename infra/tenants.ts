import { readFileSync } from 'node:fs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';
import { tenantsFile } from './paths.ts';

/**
 * infra/tenants.json: the operator's list of tenants. Each tenant becomes one
 * stack (`EventOS-<name>`) with its own table, bus, user pool, secret, API.
 * Settings left out fall back to the file's `defaults` block, then to
 * `builtInDefaults` below.
 */

export class TenantConfigError extends Error {
  override name = 'TenantConfigError';
}

const retentionDays = new Set<number>(Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'));

const LogRetention = z
  .number()
  .int()
  .refine((days) => retentionDays.has(days), {
    message: `must be one of CloudWatch Logs' retention periods: ${[...retentionDays].join(', ')}`,
  });

const Origin = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  },
  { message: 'must be an origin like https://tickets.example.com (scheme + host [+ port], no path, no trailing slash)' },
);

const Domain = z
  .string()
  .regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lower-case DNS domain');

const Settings = z.strictObject({
  /** Origins allowed by the API's CORS preflight (and echoed by the handlers). Empty: no CORS. */
  corsOrigins: z.array(Origin).optional(),
  /**
   * Where the tenant's alarms go (infra/monitoring): the SNS topic's email
   * subscription. AWS mails a confirmation link to it on the first deploy;
   * nothing is delivered until someone clicks it.
   */
  alertEmail: z.email({ message: 'must be an email address like ops@acme.example' }).optional(),
  /** Domain the tenant's email is sent from; MAIL_FROM is `<mailFromLocalPart>@<mailFromDomain>`. */
  mailFromDomain: Domain.optional(),
  mailFromLocalPart: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._+-]{0,63}$/i)
    .optional(),
  /**
   * Create the SES domain identity (DKIM) in this stack. Turn off when the
   * domain is already an SES identity in the account/region, e.g. because
   * several tenants send from one domain: an identity can exist only once.
   */
  createEmailIdentity: z.boolean().optional(),
  /** HTTP API stage throttling (requests per second, steady rate and burst). */
  throttle: z
    .strictObject({
      rateLimit: z.number().positive().max(10_000).optional(),
      burstLimit: z.number().int().positive().max(5_000).optional(),
    })
    .optional(),
  /** POWERTOOLS_LOG_LEVEL of every function. */
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).optional(),
  /** Retention of each function's log group, in days. */
  logRetentionDays: LogRetention.optional(),
  /** X-Ray active tracing on every function: off unless an investigation needs it (docs/operations.md, "Metrics and traces"). */
  tracing: z.boolean().optional(),
  /**
   * Days to keep rows that otherwise grow forever (packages/core/db/retention.ts): a contact's timeline lines,
   * and each campaign's recipients and engagement (its totals stay). Absent or 0: kept forever.
   */
  retention: z
    .strictObject({
      timelineDays: z.number().int().min(0).max(36_500).optional(),
      campaignDays: z.number().int().min(0).max(36_500).optional(),
    })
    .optional(),
  /** Retention of the API access log group, in days. */
  accessLogRetentionDays: LogRetention.optional(),
  /** How long a failed event waits in a dead-letter queue (SQS allows 1–14 days). */
  deadLetterRetentionDays: z.number().int().min(1).max(14).optional(),
  /** Cognito MFA: `required` (TOTP for every user) or `optional` (users may enrol). */
  mfa: z.enum(['required', 'optional']).optional(),
  /**
   * Cognito feature plan. `plus` adds threat protection (compromised
   * credentials, adaptive authentication) and is billed per monthly active user.
   */
  cognitoFeaturePlan: z.enum(['essentials', 'plus']).optional(),
});

const TenantEntry = Settings.extend({
  /**
   * The tenant's own API domain (api.acme.example): ACM certificate and API custom domain; with a Route 53
   * hosted zone (id and name), also its validation, an alias record and the SES DKIM records. Every emailed
   * link is built on it (PUBLIC_BASE_URL), so links keep working for years.
   */
  domain: z
    .strictObject({
      name: Domain,
      hostedZoneId: z.string().regex(/^Z[A-Z0-9]{1,32}$/, 'must be a Route 53 hosted zone id like Z0123456789ABC').optional(),
      hostedZoneName: Domain.optional(),
    })
    .refine((d) => (d.hostedZoneId === undefined) === (d.hostedZoneName === undefined), { message: 'give hostedZoneId and hostedZoneName together' })
    .refine((d) => d.hostedZoneName === undefined || d.name === d.hostedZoneName || d.name.endsWith(`.${d.hostedZoneName}`), {
      message: 'name must be in the hosted zone',
    })
    .optional(),
  name: z
    .string()
    .regex(
      /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
      'must be lower-case letters, digits and single hyphens, starting with a letter',
    )
    .max(20),
  account: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
    .optional(),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region like eu-west-1')
    .optional(),
});

const TenantsFile = z.strictObject({
  $comment: z.string().optional(),
  defaults: Settings.optional(),
  tenants: z.array(TenantEntry).min(1),
});

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
