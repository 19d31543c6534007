/**
 * A write whose attempt timed out may still happen: the service may have
 * taken it and be slow rather than gone. Sent again by the SDK's retry, a
 * conditional write would then meet its own first attempt and fail its
 * condition — the request would answer "already checked in" or "duplicate"
 * about what it did itself, or an idempotency key would look taken by
 * another request. So a timed-out write is not sent again: it fails as a
 * dependency fault (503), and the client repeats the whole request with its
 * Idempotency-Key. Reads, throttling and refused connections are retried as
 * usual. (The campaign sender sends every mail once anyway.)
 */
const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
  'PutEventsCommand',
  'SendEmailCommand',
]);

/** A write that timed out and was not sent again; the SDK's retry strategy does not know this name. */
export class WriteTimeout extends Error {
  override readonly name = 'WriteTimeout';
  constructor(
    readonly commandName: string,
    /** The SDK's error. Not `cause`: the SDK would find the timeout there and retry after all. */
    readonly original: unknown,
  ) {
    super(`${commandName} timed out; it may still take effect, so it was not sent again`);
  }
}

const timedOut = (error: unknown): boolean => {
  const e = error as { name?: unknown; code?: unknown } | null;
  return e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT';
};

/** The error to throw for a failed attempt of `commandName`: a timed-out write becomes a WriteTimeout. */
export function unrepeatable(commandName: string | undefined, error: unknown): unknown {
  return commandName !== undefined && WRITES.has(commandName) && timedOut(error) ? new WriteTimeout(commandName, error) : error;
}

/**
 * Whether `error` (or what it wraps: ElectroDB puts the SDK's error in `cause`)
 * is a write that timed out and may still land. A caller that can tell its own
 * write when it meets it (a conditional put carrying a stamp of the attempt)
 * may resolve the outcome itself instead of answering 503.
 */
export function isWriteTimeout(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    if ((current as { name?: unknown }).name === 'WriteTimeout') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
