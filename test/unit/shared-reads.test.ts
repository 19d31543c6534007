import { describe, expect, it } from 'vitest';
import { sharedReads } from '#packages/core/cache/shared-read.ts';

/** A load the test finishes by hand, counting how often it ran. */
function manualLoads() {
  const finishers: Array<(n: number) => void> = [];
  return {
    load: () => new Promise<number>((resolve) => finishers.push(resolve)),
    get count() {
      return finishers.length;
    },
    finish: (i: number) => finishers[i]!(i),
  };
}

describe('sharedReads', () => {
  it('shares a read in flight among concurrent callers of the same key, and reads again once it settled', async () => {
    const read = sharedReads<number>();
    const loads = manualLoads();
    const a = read('event-1', loads.load);
    const b = read('event-1', loads.load);
    const other = read('event-2', loads.load);
    expect(loads.count).toBe(2);
    expect(b).toBe(a);
    loads.finish(0);
    loads.finish(1);
    expect(await a).toBe(0);
    expect(await other).toBe(1);
    const later = read('event-1', loads.load);
    expect(loads.count).toBe(3);
    loads.finish(2);
    expect(await later).toBe(2);
  });

  it('keeps no failed read: the next caller reads again', async () => {
    const read = sharedReads<number>();
    await expect(read('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(read('k', () => Promise.resolve(7))).resolves.toBe(7);
  });
});
