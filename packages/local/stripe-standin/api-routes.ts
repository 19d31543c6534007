import type { FormObject } from './form.ts';
import type { StripeStore } from './store.ts';
import type { WebhookSender } from './webhook-sender.ts';

export interface ApiContext {
  requestId: string;
  idempotencyKey: string | null;
}

export interface ApiResult {
  status: number;
  body: unknown;
  /** Runs after the response is written: Stripe's webhooks arrive after its API answers, not before. */
  after?: () => void;
}

type ApiHandler = (params: FormObject, context: ApiContext, pathId: string | undefined) => ApiResult;

/** Exactly the endpoints the product calls; anything else is "Unrecognized request URL", as on Stripe. */
export function stripeApiRoutes(store: StripeStore, sender: WebhookSender) {
  const routes: Array<{ method: string; pattern: RegExp; handle: ApiHandler }> = [
    {
      method: 'POST',
      pattern: /^\/v1\/payment_intents$/,
      handle: (params) => ({ status: 200, body: store.createPaymentIntent(params) }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/payment_intents\/([^/]+)$/,
      handle: (_params, _context, id) => ({ status: 200, body: store.retrievePaymentIntent(id!) }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/refunds$/,
      handle: (params) => ({ status: 200, body: store.listRefunds(params) }),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/refunds$/,
      handle: (params, context) => {
        const { refund, charge } = store.createRefund(params);
        return {
          status: 200,
          body: refund,
          after: () => void sender.emit('charge.refunded', charge, { id: context.requestId, idempotency_key: context.idempotencyKey }),
        };
      },
    },
  ];

  return (method: string, pathname: string): ((params: FormObject, context: ApiContext) => ApiResult) | undefined => {
    for (const route of routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(pathname);
      if (match) return (params, context) => route.handle(params, context, match[1] && decodeURIComponent(match[1]));
    }
    return undefined;
  };
}
