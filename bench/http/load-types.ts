/** What bench/http/load.ts asks the load-client child to do (passed as JSON in argv). */
export interface LoadConfig {
  title: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Sent as-is, or with every `{{seq}}` replaced by a value unique to the request. */
  body?: string;
  uniqueBody?: boolean;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/** The figures the child prints as JSON on stdout. */
export interface LoadFigures {
  latencyMs: { p50: number; p90: number; p99: number; average: number; max: number };
  requestsPerSecond: { average: number; stddev: number; min: number };
  totalRequests: number;
  twoXx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
}
