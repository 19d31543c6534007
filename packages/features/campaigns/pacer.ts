/**
 * A token bucket holding one token: `take()` resolves at most `rate` times a
 * second, evenly spaced, however many workers await it. With no burst, no
 * one-second window ever sees more than `rate` calls start, which is what
 * SES's MaxSendRate means. Slots are handed out in call order.
 */
export class Pacer {
  private next = 0;
  private intervalMs: number;

  constructor(rate: number) {
    this.intervalMs = Pacer.interval(rate);
  }

  private static interval(rate: number): number {
    if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`send rate must be a positive number, not ${rate}`);
    return 1000 / rate;
  }

  setRate(rate: number): void {
    this.intervalMs = Pacer.interval(rate);
  }

  /** Pushes the next slot back, e.g. after SES said we were too fast. */
  delay(ms: number): void {
    this.next = Math.max(this.next, performance.now() + ms);
  }

  async take(): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.next);
    this.next = slot + this.intervalMs;
    const wait = slot - now;
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
