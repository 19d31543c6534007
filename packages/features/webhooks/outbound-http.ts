import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent, type RequestFilteringAgentOptions } from 'request-filtering-agent';

/** Svix's limit: an answer later than this is a failure. */
export const SEND_TIMEOUT_MS = 15_000;
/** What is kept of each answer's body. */
export const KEPT_BODY_BYTES = 4096;

/**
 * The local runner lets deliveries reach a receiver on this machine
 * (WEBHOOKS_ALLOW_LOOPBACK=1, set by packages/local only): http:// and the
 * loopback addresses. Private, link-local and metadata addresses stay refused.
 */
export const loopbackAllowed = (): boolean => process.env.WEBHOOKS_ALLOW_LOOPBACK === '1';

export function isAllowedUrl(url: URL): boolean {
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopbackAllowed());
}

function filterOptions(): RequestFilteringAgentOptions {
  return { allowPrivateIPAddress: false, allowMetaIPAddress: false, allowIPAddressList: loopbackAllowed() ? ['127.0.0.1', '::1'] : [] };
}

/*
 * The agents check every address a connection goes to, after DNS resolution
 * (request-filtering-agent), so a host that resolves to 10.0.0.1 or
 * 169.254.169.254 — or re-resolves there after the endpoint was saved — is
 * refused. No keep-alive: each send resolves its host afresh and no socket is
 * reused across a DNS change.
 */
let agents: { options: string; http: RequestFilteringHttpAgent; https: RequestFilteringHttpsAgent } | undefined;
function agentFor(protocol: string) {
  const options = filterOptions();
  const key = JSON.stringify(options);
  if (agents?.options !== key) {
    agents = {
      options: key,
      http: new RequestFilteringHttpAgent({ keepAlive: false, ...options }),
      https: new RequestFilteringHttpsAgent({ keepAlive: false, ...options }),
    };
  }
  return protocol === 'https:' ? agents.https : agents.http;
}

export interface OutboundResult {
  /** Absent when no answer came (refused, network error, timeout). */
  statusCode?: number;
  retryAfter?: string;
  body: string;
  error?: string;
  /** The address was refused by the request-forgery guard. */
  refused: boolean;
  durationMs: number;
}

/**
 * One POST, never following a redirect (a 3xx is an answer like any other,
 * hence a failure), 15 s at most, keeping the first 4 KB of the answer.
 */
export function postJson(target: string, body: string, headers: Record<string, string>): Promise<OutboundResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return resolve({ body: '', error: 'invalid URL', refused: true, durationMs: 0 });
    }
    if (!isAllowedUrl(url)) return resolve({ body: '', error: `scheme ${url.protocol} is not allowed`, refused: true, durationMs: 0 });
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const done = (result: Omit<OutboundResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const req = send(url, {
      method: 'POST',
      agent: agentFor(url.protocol),
      headers: { 'content-type': 'application/json', 'user-agent': 'EventOS-Webhooks/1', 'content-length': Buffer.byteLength(body), ...headers },
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${SEND_TIMEOUT_MS / 1000} s`));
    }, SEND_TIMEOUT_MS);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const finish = () =>
        done({
          statusCode: res.statusCode ?? 0,
          ...(typeof res.headers['retry-after'] === 'string' ? { retryAfter: res.headers['retry-after'] } : {}),
          body: Buffer.concat(chunks).subarray(0, KEPT_BODY_BYTES).toString('utf8'),
          refused: false,
        });
      res.on('data', (chunk: Buffer) => {
        if (kept < KEPT_BODY_BYTES) {
          chunks.push(chunk);
          kept += chunk.length;
        }
        // Enough is kept: the rest of a large answer is not read.
        if (kept >= KEPT_BODY_BYTES) {
          finish();
          res.destroy();
        }
      });
      res.on('end', finish);
      res.on('error', finish);
    });
    req.on('error', (error) => {
      const refused = /is not allowed/.test(error.message);
      done({ body: '', error: error.message.slice(0, 500), refused });
    });
    req.end(body);
  });
}
