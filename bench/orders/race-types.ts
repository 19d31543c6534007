/** What bench/orders/race.ts asks the race-client child to do (JSON in argv). */
export interface RaceConfig {
  apiUrl: string;
  eventId: string;
  ticketTypeId: string;
  buyers: number;
  concurrency: number;
  /** Each buyer sends its own random Idempotency-Key, as the storefront is told to. */
  idempotencyKey: boolean;
}

/** One buyer's request: [HTTP status (0: no answer), problem code or null, latency ms, problem detail or null]. */
export type RaceSample = [status: number, code: string | null, ms: number, detail: string | null];

/** What the child prints as JSON on stdout. */
export interface RaceOutput {
  wallMs: number;
  samples: RaceSample[];
}
