import { unprocessable, type DomainError } from '#packages/core/errors.ts';

/**
 * Which clock decides a scan. A device's clock is the device owner's to set,
 * so an online scan is judged by the server's receipt time and the device's
 * claimed `scannedAt` is only recorded. An offline scan happened before the
 * upload, so its claimed time is the only one there is: it is used, within
 * bounds that keep a forged clock from reaching far outside a list's hours.
 */

/** A device clock may run this far ahead of ours (NTP-less phones drift by seconds to a minute). */
export const MAX_FUTURE_SKEW_MS = 2 * 60_000;
/**
 * An offline scan is at most this old when uploaded: a festival weekend on a
 * device that never regained a connection. Older claims are refused, so a
 * batch cannot replay entries into a list's window long closed.
 */
export const MAX_OFFLINE_AGE_MS = 72 * 3600_000;

export interface ScanTimes {
  /** The time the scan is judged and recorded by. */
  scannedAt: string;
  /** When the server received it (its own clock). */
  receivedAt: string;
  /** What the device claimed, when it sent a time. */
  clientScannedAt?: string;
  /** Set when the claimed time of an offline scan is out of bounds. */
  refusal?: DomainError;
}

export function scanTimes(offline: boolean, claimed: string | undefined, receivedAt: string): ScanTimes {
  const base = { receivedAt, ...(claimed ? { clientScannedAt: claimed } : {}) };
  if (!offline || !claimed) return { ...base, scannedAt: receivedAt };
  const delta = Date.parse(claimed) - Date.parse(receivedAt);
  if (delta > MAX_FUTURE_SKEW_MS) {
    return { ...base, scannedAt: receivedAt, refusal: clockRefusal('scannedAt is in the future by more than the allowed clock skew', claimed, receivedAt) };
  }
  if (-delta > MAX_OFFLINE_AGE_MS) {
    return { ...base, scannedAt: receivedAt, refusal: clockRefusal('scannedAt is older than an offline scan may be', claimed, receivedAt) };
  }
  return { ...base, scannedAt: claimed };
}

function clockRefusal(message: string, claimed: string, receivedAt: string): DomainError {
  return unprocessable('invalid_time', message, {
    clientScannedAt: claimed,
    receivedAt,
    maxFutureSkewSeconds: MAX_FUTURE_SKEW_MS / 1000,
    maxAgeHours: MAX_OFFLINE_AGE_MS / 3600_000,
  });
}
