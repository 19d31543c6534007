import type { ConditionLeafValue, ConditionValue } from './contract.ts';

export interface Facts {
  event: Record<string, unknown>;
  contact: Record<string, unknown> | null;
}

function read(facts: Facts, path: string): unknown {
  const [root, ...rest] = path.split('.');
  let value: unknown = root === 'contact' ? facts.contact : facts.event;
  for (const key of rest) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const asComparable = (v: unknown): number | string | undefined => (typeof v === 'number' || typeof v === 'string' ? v : undefined);

function leaf(c: ConditionLeafValue, facts: Facts): boolean {
  const actual = read(facts, c.path);
  const expected = c.value;
  switch (c.op) {
    case 'exists':
      return actual !== undefined && actual !== null && actual !== '';
    case 'not_exists':
      return actual === undefined || actual === null || actual === '';
    case 'eq':
      return actual === expected;
    case 'neq':
      return actual !== expected;
    case 'contains':
      return Array.isArray(actual) ? actual.includes(expected) : typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected);
    case 'not_contains':
      return !(Array.isArray(actual) ? actual.includes(expected) : typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected));
    case 'in':
      return Array.isArray(expected) && (expected as unknown[]).includes(actual);
    default: {
      const a = asComparable(actual);
      const b = asComparable(expected);
      if (a === undefined || b === undefined || typeof a !== typeof b) return false;
      if (c.op === 'gt') return a > b;
      if (c.op === 'gte') return a >= b;
      if (c.op === 'lt') return a < b;
      return a <= b;
    }
  }
}

/** An AND (`all`) / OR (`any`) tree of leaves over the run's facts. */
export function holds(condition: ConditionValue | { all: unknown[] } | { any: unknown[] }, facts: Facts): boolean {
  if ('all' in condition) return (condition.all as ConditionValue[]).every((c) => holds(c, facts));
  if ('any' in condition) return (condition.any as ConditionValue[]).some((c) => holds(c, facts));
  return leaf(condition as ConditionLeafValue, facts);
}
