/**
 * Local-only values, documented so nobody mistakes them for real ones: the
 * stand-in accepts any test-mode key, and signs webhooks with this secret
 * unless STRIPE_WEBHOOK_SECRET says otherwise.
 */
export const LOCAL_STRIPE_SECRET_KEY = 'sk_test_local';
export const LOCAL_STRIPE_WEBHOOK_SECRET = 'whsec_local_eventos_dev';
/** stripe-mock's port, so nothing else a developer runs is likely to sit there. */
export const DEFAULT_STRIPE_STANDIN_PORT = 12111;
