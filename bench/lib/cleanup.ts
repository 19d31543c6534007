import type { ChildProcess } from 'node:child_process';

type Stopper = () => Promise<void> | void;

/**
 * LIFO stop actions that run once, whether the bench ends normally, throws, or
 * gets SIGINT, so DynamoDB Local and spawned Node processes never outlive it.
 */
export class Cleanup {
  private stoppers: Stopper[] = [];
  private ran = false;

  add(stop: Stopper): () => void {
    this.stoppers.push(stop);
    return () => {
      this.stoppers = this.stoppers.filter((s) => s !== stop);
    };
  }

  /** Kills the child if the bench stops while it runs; returns the deregistration. */
  track(child: ChildProcess): () => void {
    return this.add(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
  }

  /** True once the bench is shutting down; long loops check it to stop early. */
  get stopping(): boolean {
    return this.ran;
  }

  async runAll(): Promise<void> {
    if (this.ran) return;
    this.ran = true;
    for (const stop of this.stoppers.reverse()) {
      try {
        await stop();
      } catch (error) {
        process.stderr.write(`cleanup failed: ${(error as Error).message}\n`);
      }
    }
  }
}
