import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { HttpProblem } from '#packages/http/problem.ts';
import { parseInput } from '#packages/http/validation.ts';

// Given: a schema with a bare z.number(), as a lead-scoring rule's value has.
const schema = z.object({ value: z.number(), list: z.optional(z.array(z.number())) });

const refusal = (value: unknown) => {
  try {
    parseInput(schema, value, 'body');
  } catch (error) {
    if (error instanceof HttpProblem) return error.input;
    throw error;
  }
  return null;
};

describe('numbers in a request are ones the table can store (found by the generated request test)', () => {
  it('answers 400 validation_failed, with the field, for a number DynamoDB cannot hold, and only for those', () => {
    for (const value of [1.9100288751741447e-234, 5e-324, -1e-200, 1e126, -1e300]) {
      expect(refusal({ value }), String(value)).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ path: 'body.value' }] });
    }
    expect(refusal({ value: 1, list: [2, 1e200] })).toMatchObject({ errors: [{ path: 'body.list.1' }] });
    // Zero, ordinary numbers and the edges of the range pass.
    for (const value of [0, -0, 1, -2.5, 0.1, 2 ** 60, 1e125, -1e125, 1e-130]) expect(refusal({ value }), String(value)).toBeNull();
  });
});
