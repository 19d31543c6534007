import { schedules } from '#events/schedules.ts';

/**
 * The per-tenant monthly cost model of docs/cost.md (issue 18, item 9):
 * billed capacity per operation from the bench (bench/RESULTS.md, the
 * "billed ≈" columns: what DynamoDB would bill, not what DynamoDB Local
 * reports) times public on-demand prices, for three tenants: a festival
 * selling 5,000 tickets, a 50,000-contact CRM, and an idle stack.
 * `npx tsx bench/cost/render.ts --write` regenerates the page;
 * test/unit/cost-model.test.ts fails when the page is stale.
 */

/** Public prices, eu-west-1, on demand, USD (checked 2026-12; the page says where each comes from). */
export const prices = {
  dynamoWritePerMillion: 0.7068, // DynamoDB on-demand write request units
  dynamoReadPerMillion: 0.1414, // DynamoDB on-demand read request units
  dynamoStoragePerGbMonth: 0.283,
  lambdaRequestPerMillion: 0.2,
  lambdaArmGbSecond: 0.0000133334,
  httpApiPerMillion: 1.11, // API Gateway HTTP API, first 300 million
  eventBridgePerMillion: 1.0, // custom events put on a bus
  sesPerThousand: 0.1,
  secretPerMonth: 0.4,
  secretApiPer10k: 0.05,
  ssmStandardParameterPerMonth: 0, // SSM Parameter Store, standard tier, standard throughput: no charge
  kmsRequestPer10k: 0.03, // KMS Decrypt of a SecureString parameter with the AWS managed key aws/ssm (no key fee)
  logsIngestPerGb: 0.57,
  xrayPerMillionTraces: 5.0, // recorded; first 100,000 a month free per account (not counted: shared across tenants)
  alarmPerMonth: 0.1,
  dashboardPerMonth: 3.0,
  customMetricPerMonth: 0.3,
} as const;

/** Billed capacity per operation, request path + the consumers it sets off (bench/RESULTS.md). */
export const billed = {
  createOrder: { rru: 0.5, wru: 29 },
  confirmPayment: { rru: 2 + 5.5, wru: 34 + 22 },
  availability: { rru: 2.5, wru: 0 },
  scan: { rru: 0 + 2.1, wru: 2 + 11.3 },
  createContact: { rru: 0 + 1, wru: 14 + 0 },
  campaignRecipient: { rru: 1.822, wru: 5.442 + 1.218 },
  timelineFirstPage: { rru: 2.5, wru: 0 },
  /** The metric store's consumer on order.paid (bench/RESULTS.md, analytics: the slice's WCU per paid order). */
  metricStorePaidOrder: { rru: 0, wru: 78 },
  /** A job tick that finds nothing due: one Query (billed at least 0.5 RRU). */
  idleTick: { rru: 0.5, wru: 0 },
} as const;

/** Lambda time per invocation (warm, ms) and memory (MB), as infra/constructs/eventos-function.ts sizes them. */
const lambda = { http: { ms: 60, mb: 1024 }, consumer: { ms: 40, mb: 512 }, job: { ms: 30, mb: 512 } } as const;
/** Bytes of log per invocation: one line per request (packages/core/logger.ts), one per consumed event or tick. */
const LOG_BYTES_PER_INVOCATION = 400;
const MINUTES_PER_MONTH = 30 * 24 * 60;

export interface Stack {
  secrets: number;
  /** SSM SecureString parameters (standard tier). */
  parameters: number;
  tracing: boolean;
  alarms: number;
  dashboards: number;
  customMetrics: number;
}

/**
 * What the stack is built with today (one Secrets Manager secret, the Stripe keys; the two signing keys as
 * SSM SecureString parameters: packages/core/tenant-secrets.ts), and the layouts before it.
 */
export const stacks = {
  asBuilt: { secrets: 1, parameters: 2, tracing: false, alarms: 0, dashboards: 0, customMetrics: 0 },
  threeSecrets: { secrets: 3, parameters: 0, tracing: false, alarms: 0, dashboards: 0, customMetrics: 0 },
  beforeIssue18: { secrets: 3, parameters: 0, tracing: true, alarms: 0, dashboards: 0, customMetrics: 0 },
} as const satisfies Record<string, Stack>;

export interface Usage {
  name: string;
  what: string;
  orders: number;
  ticketsPerOrder: number;
  availabilityReads: number;
  scans: number;
  contactsCreated: number;
  campaignRecipients: number;
  timelineReads: number;
  otherRequests: number;
  storedGb: number;
}

export const scenarios: Usage[] = [
  {
    name: 'Festival, 5,000 tickets',
    what: '2,500 orders of 2 tickets in the month, 25 availability reads per order, 5,000 scans at the gates, 2,500 new buyers as contacts, two campaigns to 10,000, 2,000 timeline reads, 20,000 other staff requests, 0.2 GB stored',
    orders: 2_500,
    ticketsPerOrder: 2,
    availabilityReads: 62_500,
    scans: 5_000,
    contactsCreated: 2_500,
    campaignRecipients: 20_000,
    timelineReads: 2_000,
    otherRequests: 20_000,
    storedGb: 0.2,
  },
  {
    name: 'CRM, 50,000 contacts',
    what: '5,000 new contacts in the month, four campaigns to all 50,000, 20,000 timeline reads, 100,000 other staff requests, a small event (300 orders, 600 scans), 1 GB stored',
    orders: 300,
    ticketsPerOrder: 2,
    availabilityReads: 7_500,
    scans: 600,
    contactsCreated: 5_000,
    campaignRecipients: 200_000,
    timelineReads: 20_000,
    otherRequests: 100_000,
    storedGb: 1,
  },
  {
    name: 'Idle stack',
    what: 'deployed, nobody uses it: only the scheduled jobs tick',
    orders: 0,
    ticketsPerOrder: 0,
    availabilityReads: 0,
    scans: 0,
    contactsCreated: 0,
    campaignRecipients: 0,
    timelineReads: 0,
    otherRequests: 0,
    storedGb: 0.001,
  },
];

/** Job invocations a month: every schedule of events/schedules.ts at its rate. */
export const jobTicksPerMonth = (): number => schedules.reduce((sum, s) => sum + MINUTES_PER_MONTH / s.rateMinutes, 0);

export type Line = { item: string; usd: number };

const gbSeconds = (invocations: number, kind: keyof typeof lambda) => (invocations * lambda[kind].ms * lambda[kind].mb) / 1000 / 1024;

export function monthlyCost(usage: Usage, stack: Stack): { lines: Line[]; total: number } {
  const ticks = jobTicksPerMonth();
  const requests = usage.orders * 2 + usage.availabilityReads + usage.scans + usage.contactsCreated + usage.timelineReads + usage.otherRequests;
  // Consumers: order paid, scans, contact created, each campaign recipient's chunk share, roughly one event per write request.
  const consumerRuns = usage.orders * 4 + usage.scans * 3 + usage.contactsCreated * 2 + usage.campaignRecipients / 50;
  const capacity =
    usage.orders * (billed.createOrder.wru + billed.confirmPayment.wru + billed.metricStorePaidOrder.wru) +
    usage.scans * billed.scan.wru +
    usage.contactsCreated * billed.createContact.wru +
    usage.campaignRecipients * billed.campaignRecipient.wru +
    usage.otherRequests * 3;
  const reads =
    usage.orders * (billed.createOrder.rru + billed.confirmPayment.rru) +
    usage.availabilityReads * billed.availability.rru +
    usage.scans * billed.scan.rru +
    usage.contactsCreated * billed.createContact.rru +
    usage.campaignRecipients * billed.campaignRecipient.rru +
    usage.timelineReads * billed.timelineFirstPage.rru +
    usage.otherRequests * 2 +
    ticks * billed.idleTick.rru;
  const invocations = requests + consumerRuns + ticks;
  const emails = usage.orders + usage.campaignRecipients;
  // Secrets are cached in each function for minutes: about one read per cold start; assume one per 200 requests,
  // shared among the stores in proportion to how many secrets each holds.
  const storeCalls = requests / 200 + ticks / 1000;
  const secretCalls = (storeCalls * stack.secrets) / (stack.secrets + stack.parameters);
  const parameterCalls = storeCalls - secretCalls;
  const lines: Line[] = [
    { item: 'DynamoDB writes', usd: (capacity / 1e6) * prices.dynamoWritePerMillion },
    { item: 'DynamoDB reads', usd: (reads / 1e6) * prices.dynamoReadPerMillion },
    { item: 'DynamoDB storage', usd: usage.storedGb * prices.dynamoStoragePerGbMonth },
    { item: 'Lambda requests', usd: (invocations / 1e6) * prices.lambdaRequestPerMillion },
    {
      item: 'Lambda compute (arm64)',
      usd: (gbSeconds(requests, 'http') + gbSeconds(consumerRuns, 'consumer') + gbSeconds(ticks, 'job')) * prices.lambdaArmGbSecond,
    },
    { item: 'HTTP API requests', usd: (requests / 1e6) * prices.httpApiPerMillion },
    { item: 'EventBridge events', usd: (consumerRuns / 1e6) * prices.eventBridgePerMillion },
    { item: 'SES emails', usd: (emails / 1000) * prices.sesPerThousand },
    { item: `Secrets Manager (${stack.secrets} secret${stack.secrets === 1 ? '' : 's'})`, usd: stack.secrets * prices.secretPerMonth + (secretCalls / 10_000) * prices.secretApiPer10k },
    {
      item: `SSM SecureString parameters (${stack.parameters}, standard tier) and their KMS decrypts`,
      usd: stack.parameters * prices.ssmStandardParameterPerMonth + (parameterCalls / 10_000) * prices.kmsRequestPer10k,
    },
    { item: 'CloudWatch Logs ingestion', usd: ((invocations * LOG_BYTES_PER_INVOCATION) / 1e9) * prices.logsIngestPerGb },
    { item: `X-Ray traces (${stack.tracing ? 'on' : 'off'})`, usd: stack.tracing ? (invocations / 1e6) * prices.xrayPerMillionTraces : 0 },
  ];
  const total = lines.reduce((sum, l) => sum + l.usd, 0);
  return { lines, total };
}
