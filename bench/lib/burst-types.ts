/** One request of a burst: `path` is appended to the API's URL; `body` is sent as JSON. */
export interface BurstRequest {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What bench/lib/burst-client.ts is told (JSON file path in argv). */
export interface BurstConfig {
  apiUrl: string;
  /** Bearer token sent with every request; null: anonymous. */
  token: string | null;
  concurrency: number;
  requests: BurstRequest[];
}

/** One request: [HTTP status (0: no answer), problem code or null, latency ms, problem detail or null]. */
export type BurstSample = [status: number, code: string | null, ms: number, detail: string | null];

export interface BurstOutput {
  wallMs: number;
  samples: BurstSample[];
}
