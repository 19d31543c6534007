import Stripe from 'stripe';
import { nowSeconds, stripeId } from './ids.ts';

export interface Delivery {
  at: string;
  url: string | null;
  /** The receiver's HTTP status; null when nothing answered. */
  status: number | null;
  error?: string;
}

export interface SentEvent {
  id: string;
  type: string;
  created: number;
  /** The exact body sent, kept so a resend carries the same bytes under a fresh signature. */
  payload: string;
  deliveries: Delivery[];
}

export interface WebhookSenderOptions {
  secret: string;
  apiVersion: string;
  webhookUrl?: string;
  timeoutMs?: number;
}

/**
 * Stripe's side of webhooks: builds `evt_…` envelopes, signs the exact body
 * (`Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")`) and POSTs it.
 * One attempt per send; Stripe's days-long retry schedule is replaced by an
 * explicit resend.
 */
export class WebhookSender {
  webhookUrl: string | undefined;
  private readonly sent = new Map<string, SentEvent>();
  private readonly inFlight = new Set<Promise<Delivery>>();

  constructor(private readonly options: WebhookSenderOptions) {
    this.webhookUrl = options.webhookUrl;
  }

  /** Records the event now (its `data.object` is a snapshot of this moment) and sends it. */
  emit(type: string, object: object, request: { id: string | null; idempotency_key: string | null } = { id: null, idempotency_key: null }) {
    const event = {
      id: stripeId('evt'),
      object: 'event',
      api_version: this.options.apiVersion,
      created: nowSeconds(),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request,
      type,
    };
    // Stripe sends pretty-printed JSON; a receiver that re-serialises instead of verifying raw bytes fails here as it would there.
    const sent: SentEvent = { id: event.id, type, created: event.created, payload: JSON.stringify(event, null, 2), deliveries: [] };
    this.sent.set(sent.id, sent);
    return { event: sent, delivery: this.deliver(sent) };
  }

  /** The same event (same id, same body) again, as Stripe does when it retries or you press "Resend". */
  resend(id: string): { event: SentEvent; delivery: Promise<Delivery> } | undefined {
    const sent = this.sent.get(id);
    return sent && { event: sent, delivery: this.deliver(sent) };
  }

  list(): SentEvent[] {
    return [...this.sent.values()];
  }

  get(id: string): SentEvent | undefined {
    return this.sent.get(id);
  }

  /** Resolves once every delivery started so far has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private deliver(sent: SentEvent): Promise<Delivery> {
    const delivery = this.post(sent).then((result) => {
      sent.deliveries.push(result);
      return result;
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
    return delivery;
  }

  private async post(sent: SentEvent): Promise<Delivery> {
    const url = this.webhookUrl ?? null;
    const at = new Date().toISOString();
    if (!url) return { at, url, status: null, error: 'no webhook URL configured' };
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: sent.payload, secret: this.options.secret, timestamp: nowSeconds() });
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': signature,
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          accept: '*/*; q=0.5, application/xml',
        },
        body: sent.payload,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer();
      return { at, url, status: res.status };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      return { at, url, status: null, error: cause?.code ?? (error as Error).message };
    }
  }
}
