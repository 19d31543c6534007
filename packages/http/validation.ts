import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import type { FieldError } from './problem.ts';
import { HttpProblem } from './problem.ts';

// zod/mini ships without messages; English ones make the 400s readable.
z.config(en());

export type Location = 'params' | 'query' | 'body';

export function fieldErrors(location: Location, error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * The numbers a request may carry anywhere: what the table can store.
 * DynamoDB refuses a number above 9.99e125 or below 1e-130 in magnitude (a
 * ValidationException after the work began, a 500), and a JSON number may be
 * 1e300 or 5e-324; so any number the schema accepted is checked once here
 * rather than bounding every `z.number()` of every schema.
 */
export const MAX_NUMBER_MAGNITUDE = 1e125;
export const MIN_NUMBER_MAGNITUDE = 1e-130;

function unstorableNumbers(value: unknown, path: string[], out: string[][]): void {
  if (typeof value === 'number') {
    const size = Math.abs(value);
    if (size > MAX_NUMBER_MAGNITUDE || (size !== 0 && size < MIN_NUMBER_MAGNITUDE)) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unstorableNumbers(item, [...path, String(i)], out));
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) unstorableNumbers(item, [...path, key], out);
  }
}

const validationFailed = (errors: FieldError[]) =>
  new HttpProblem({ status: 400, code: 'validation_failed', title: 'Validation failed', detail: 'The request does not match the schema', errors });

export function parseInput<S extends z.ZodMiniType>(schema: S, value: unknown, location: Location): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(fieldErrors(location, result.error));
  const unstorable: string[][] = [];
  unstorableNumbers(result.data, [location], unstorable);
  if (unstorable.length) {
    throw validationFailed(
      unstorable.map((path) => ({
        path: path.join('.'),
        message: `must be 0 or between ${MIN_NUMBER_MAGNITUDE} and ${MAX_NUMBER_MAGNITUDE} in magnitude`,
      })),
    );
  }
  return result.data as z.infer<S>;
}

export function parseJsonBody(body: string | undefined, isBase64Encoded: boolean): unknown {
  if (body === undefined || body === '') return undefined;
  const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem({ status: 400, code: 'invalid_json', title: 'Invalid JSON', detail: 'The body is not valid JSON' });
  }
}
