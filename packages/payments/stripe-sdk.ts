import type Stripe from 'stripe';

/**
 * The Stripe SDK module, loaded on first use rather than when a module imports
 * it. Stripe's client module registers every API resource class as it loads;
 * imported at the top of the payment code, every function that bundles an
 * order route, a consumer or a job touching orders paid for it in its cold
 * import, though most of their requests never call Stripe (bench: bundles).
 * The specifier is a literal, so esbuild still bundles the SDK; it keeps it
 * behind a lazy initializer that runs on the first `loadStripe()`.
 */
export type StripeModule = typeof Stripe;

let loaded: StripeModule | undefined;

export async function loadStripe(): Promise<StripeModule> {
  return (loaded ??= (await import('stripe')).default);
}

/**
 * The SDK if something has loaded it already, else undefined: no Stripe object
 * (an error, an event) can exist before the SDK is loaded, so a check for one
 * can answer "not Stripe's" without loading it.
 */
export function loadedStripe(): StripeModule | undefined {
  return loaded;
}
