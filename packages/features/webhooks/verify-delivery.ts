import { Webhook } from 'standardwebhooks';
import { nowIso } from '#packages/core/clock.ts';
import { allEndpoints } from './endpoint-service.ts';

/**
 * Which endpoint's secret signed a delivery, checked as a receiver would
 * (the official verifier: signature and a timestamp within 5 minutes). For the
 * local runner's inbox, which receives for every endpoint pointed at it.
 */
export async function whichEndpointSigned(body: string, headers: Record<string, string>): Promise<{ verified: boolean; endpointId?: string; error?: string }> {
  let lastError = 'no endpoint';
  for (const endpoint of await allEndpoints()) {
    const overlapping = endpoint.previousSecret && (endpoint.previousSecretExpiresAt ?? '') > nowIso();
    const secrets = overlapping ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
    for (const secret of secrets) {
      try {
        new Webhook(secret).verify(body, headers);
        return { verified: true, endpointId: endpoint.endpointId };
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
    }
  }
  return { verified: false, error: lastError };
}
