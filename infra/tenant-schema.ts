import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';

/** The shape of infra/tenants.json (infra/tenants.ts resolves it into each tenant's TenantConfig). */

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

export const Settings = z.strictObject({
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

export const TenantsFile = z.strictObject({
  $comment: z.string().optional(),
  defaults: Settings.optional(),
  tenants: z.array(TenantEntry).min(1),
});

