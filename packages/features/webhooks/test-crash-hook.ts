/**
 * Test hook (WEBHOOKS_TEST_CRASH_AFTER_SEND=<endpoint id>): a send to that endpoint "crashes" once,
 * right after the receiver answered and before anything was recorded — the
 * worst moment: the receiver has the message, the delivery still says pending
 * under a lease. The lease running out must bring it back (same webhook-id).
 */
let crashed = false;
export function sendCrashHook(deliveryId: string): void {
  const endpointId = process.env.WEBHOOKS_TEST_CRASH_AFTER_SEND;
  if (!endpointId || crashed || !deliveryId.endsWith(endpointId)) return;
  crashed = true;
  throw new Error(`test hook: crash after sending ${deliveryId}`);
}

export function resetSendCrashHook(): void {
  crashed = false;
}
