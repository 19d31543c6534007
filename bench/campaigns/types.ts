export interface CapacityPerRecipient {
  /** Recipients the figures divide by (the audience). */
  recipients: number;
  rcu: number;
  /** As DynamoDB Local reports them. */
  wcu: number;
  /** As DynamoDB would bill them, from each written item's before and after images (sizing mode of the meter): table, then indexes. */
  billedWcu: { table: number; indexes: number } | null;
  calls: number;
  byCommand: Record<string, { calls: number; units: number }>;
}

/** One campaign sent and measured. */
export interface CampaignRun {
  recipients: number;
  /** Writing the audience straight into the table (not part of the figures). */
  seedMs: number;
  /** Billing arithmetic on (slower: it reads every written item before and after). */
  sizing: boolean;
  /** POST /v1/campaigns/{id}/send → the bus drained, the campaign `sent`. */
  wallMs: number;
  perSecond: number;
  status: string;
  totals: Record<string, number>;
  /** SES API calls the sender made, by command. */
  sesCalls: Record<string, number>;
  /** Events the send took, by kind (chunks by phase). */
  chunks: Record<string, number>;
  /** Read back from the SES emulator: messages to the run's addresses, addresses with one / more messages, messages with both unsubscribe headers. */
  mailbox: { messages: number; addressesOnce: number; addressesMore: number; withHeaders: number };
  capacity: CapacityPerRecipient;
}

export interface CampaignsData {
  method: Record<string, string>;
  recipients: number;
  /** CAMPAIGN_MAX_SEND_RATE for the run (messages/s), and the sending workers per chunk. */
  rate: number;
  concurrency: number;
  /** The timed 10,000-recipient campaign. */
  main: CampaignRun | null;
  /** A smaller campaign with billing arithmetic on. */
  billing: CampaignRun | null;
  targets: Array<{ name: string; ok: boolean | null; detail: string }>;
}
