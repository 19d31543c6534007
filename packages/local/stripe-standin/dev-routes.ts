import type { ServerResponse } from 'node:http';
import { sendJson, type LocalRoute } from '../http-server.ts';
import type { StripeStandIn } from './server.ts';
import { StripeApiError } from './stripe-error.ts';

/**
 * What a customer or the Stripe dashboard would do, as local-only routes on
 * the API server (they never deploy):
 *   POST /dev/stripe/payment_intents/{id}/succeed
 *   POST /dev/stripe/payment_intents/{id}/fail      body (optional): {"declineCode": "insufficient_funds", "message": "…"}
 *   POST /dev/stripe/events/{id}/resend             the same event again, freshly signed
 *   GET  /dev/stripe/events                         every event sent, with its deliveries
 *   GET  /dev/stripe/events/{id}                    one event as sent
 *   POST /dev/stripe/faults                         {"mode": "refuse_refund", "code": "amount_too_large", "declineCode"?, "times"?}
 *                                                   | {"mode": "hang"} | {"mode": "down"}
 *   GET  /dev/stripe/faults                         what is switched on
 *   DELETE /dev/stripe/faults                       back to normal
 * Each POST delivers its webhook before answering, with the receiver's status.
 */
export function stripeDevRoutes(standIn: StripeStandIn): LocalRoute[] {
  return [
    {
      method: 'POST',
      path: '/dev/stripe/*',
      handle: (_req, res, url, body) =>
        guard(res, async () => {
          const path = url.pathname;
          let match = /^\/dev\/stripe\/payment_intents\/([^/]+)\/(succeed|fail)$/.exec(path);
          if (match) {
            const id = decodeURIComponent(match[1]!);
            if (match[2] === 'succeed') return sendJson(res, 200, await standIn.succeedPaymentIntent(id));
            const failure = parseFailure(body);
            if (!failure) return problem(res, 400, 'validation_failed', 'Body: {"declineCode"?: string, "message"?: string}');
            return sendJson(res, 200, await standIn.failPaymentIntent(id, failure));
          }
          if (path === '/dev/stripe/faults') {
            const fault = parseFault(body);
            if (!fault) return problem(res, 400, 'validation_failed', 'Body: {"mode": "refuse_refund", "code": string, "declineCode"?: string, "times"?: 1–100} | {"mode": "hang" | "down"}');
            if (fault.mode === 'refuse_refund') standIn.faults.refuseNextRefund(fault.code, fault);
            else if (fault.mode === 'hang') standIn.faults.hang();
            else standIn.faults.down();
            return sendJson(res, 200, standIn.faults.state());
          }
          match = /^\/dev\/stripe\/events\/([^/]+)\/resend$/.exec(path);
          if (match) return sendJson(res, 200, await standIn.resendEvent(decodeURIComponent(match[1]!)));
          return problem(res, 404, 'not_found', `No Stripe dev control at POST ${path}`);
        }),
    },
    {
      method: 'GET',
      path: '/dev/stripe/*',
      handle: (_req, res, url) =>
        guard(res, async () => {
          if (url.pathname === '/dev/stripe/faults') return sendJson(res, 200, standIn.faults.state());
          if (url.pathname === '/dev/stripe/events') {
            const items = standIn.events().map(({ id, type, created, deliveries }) => ({ id, type, created, deliveries }));
            return sendJson(res, 200, { items });
          }
          const match = /^\/dev\/stripe\/events\/([^/]+)$/.exec(url.pathname);
          const event = match && standIn.event(decodeURIComponent(match[1]!));
          if (!event) return problem(res, 404, 'not_found', `No Stripe event at ${url.pathname}`);
          return sendJson(res, 200, { event: JSON.parse(event.payload), deliveries: event.deliveries });
        }),
    },
    {
      method: 'DELETE',
      path: '/dev/stripe/faults',
      handle: (_req, res) => {
        standIn.faults.clear();
        sendJson(res, 200, standIn.faults.state());
      },
    },
  ];
}

type FaultRequest = { mode: 'hang' | 'down' } | { mode: 'refuse_refund'; code: string; declineCode?: string; times?: number };

function parseFault(body: Buffer): FaultRequest | null {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const { mode, code, declineCode, times } = parsed as Record<string, unknown>;
    if (mode === 'hang' || mode === 'down') return { mode };
    if (mode !== 'refuse_refund' || typeof code !== 'string' || !/^[a-z_]{1,100}$/.test(code)) return null;
    if (declineCode !== undefined && typeof declineCode !== 'string') return null;
    if (times !== undefined && (!Number.isInteger(times) || (times as number) < 1 || (times as number) > 100)) return null;
    return { mode, code, ...(declineCode ? { declineCode } : {}), ...(times ? { times: times as number } : {}) };
  } catch {
    return null;
  }
}

function parseFailure(body: Buffer): { declineCode?: string; message?: string } | null {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const { declineCode, message } = parsed as Record<string, unknown>;
    if ((declineCode !== undefined && typeof declineCode !== 'string') || (message !== undefined && typeof message !== 'string')) return null;
    return { ...(declineCode ? { declineCode } : {}), ...(message ? { message } : {}) };
  } catch {
    return null;
  }
}

// The stand-in speaks Stripe's error shape; these routes belong to our API, so they answer problem+json.
async function guard(res: ServerResponse, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    if (error.status === 404) return problem(res, 404, 'not_found', error.message);
    if (error.code === 'payment_intent_unexpected_state') return problem(res, 409, 'payment_intent_unexpected_state', error.message);
    return problem(res, 400, 'validation_failed', error.message);
  }
}

function problem(res: ServerResponse, status: number, code: string, detail: string): void {
  const title = { 400: 'Validation failed', 404: 'Not found', 409: 'Conflict' }[status] ?? 'Error';
  sendJson(res, status, { type: `https://eventos.dev/problems/${code}`, title, status, detail, code }, 'application/problem+json');
}
