import { monotonicFactory } from 'ulid';

/** Monotonic so that ids made in the same millisecond still sort by creation. */
export const newId: () => string = monotonicFactory();
