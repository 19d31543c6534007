import { StripeApiError } from './stripe-error.ts';

interface Stored {
  fingerprint: string;
  status: number;
  body: unknown;
  storedAt: number;
}

const TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Stripe's `Idempotency-Key`: per API key, the first successful result is
 * replayed for 24 h; the same key with other parameters (or on another
 * endpoint) is an `idempotency_error`. Like Stripe, a request refused before
 * it ran (validation) leaves no result behind, so it can be retried fixed.
 * Everything here is synchronous, so two requests can never both run under
 * one key.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, Stored>();

  lookup(scope: string, key: string, fingerprint: string): { status: number; body: unknown } | StripeApiError | undefined {
    const id = `${scope}\u0000${key}`;
    const stored = this.entries.get(id);
    if (!stored) return undefined;
    if (Date.now() - stored.storedAt > TTL_MS) {
      this.entries.delete(id);
      return undefined;
    }
    if (stored.fingerprint !== fingerprint) {
      return new StripeApiError(
        400,
        'idempotency_error',
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    return { status: stored.status, body: stored.body };
  }

  store(scope: string, key: string, fingerprint: string, status: number, body: unknown): void {
    this.entries.set(`${scope}\u0000${key}`, { fingerprint, status, body, storedAt: Date.now() });
  }
}
