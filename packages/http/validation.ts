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

export function parseInput<S extends z.ZodMiniType>(schema: S, value: unknown, location: Location): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.infer<S>;
  throw new HttpProblem({
    status: 400,
    code: 'validation_failed',
    title: 'Validation failed',
    detail: 'The request does not match the schema',
    errors: fieldErrors(location, result.error),
  });
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
