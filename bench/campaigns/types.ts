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

export interface CampaignsData {
  method: Record<string, string>;
  recipients: number;
  /** CAMPAIGN_MAX_SEND_RATE for the run (messages/s), and the sending workers per chunk. */
  rate: number;
  concurrency: number;
  seedMs: number;
  send: null | {
    /** POST /v1/campaigns/{id}/send → status `sent` (the bus drained). */
    wallMs: number;
    perSecond: number;
    status: string;
    totals: Record<string, number>;
    /** SES API calls the sender made, by command. */
    sesCalls: Record<string, number>;
    /** Chunk events the send took, by phase. */
    chunks: Record<string, number>;
    /** Read back from the SES emulator: messages to the bench's addresses, and addresses with one message each. */
    mailbox: { messages: number; addressesOnce: number; addressesMore: number; withHeaders: number };
  };
  capacity: CapacityPerRecipient | null;
  targets: Array<{ name: string; ok: boolean | null; detail: string }>;
}
