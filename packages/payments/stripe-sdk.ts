import type Stripe from 'stripe';

/**
 * The Stripe SDK module, loaded on first use rather than when a module imports
 * it. Stripe's client module registers every API resource class as it loads
 * (its `import * as http from 'http'` no longer loads undici in a bundle:
 * infra/stubs/node-http.mjs); imported at the top of the payment
 * code, every function that bundles an order route, or a consumer touching
 * orders, paid for all of it (~300 KB) in its cold import, though most of
 * their requests never call Stripe (bench: bundles). The specifier is a
 * literal, so esbuild still bundles the SDK: into a chunk beside index.mjs
 * (infra/bundling.ts), read and run on the first `loadStripe()`.
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
