import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Problem } from '#packages/core/common-schemas.ts';
import { buildOpenApiDocument } from '#packages/api/openapi.ts';
import { routes } from '#packages/api/routes/index.ts';
import { conflict, DomainError, type ErrorDetails } from '#packages/core/errors.ts';
import { toProblem } from '#packages/http/middleware/error-mapper.ts';
import { HttpProblem } from '#packages/http/problem.ts';

// Given: details as untyped code might build them (a Record slips past the compile-time guard).
const colliding: Record<string, unknown> = {
  type: 'about:blank',
  title: 'Refunded',
  status: 'refunded',
  detail: 'overwritten',
  code: 'FREE100',
  existingId: '01JD0000000000000000000000',
};

const bodyOf = (response: ReturnType<typeof toProblem>) => JSON.parse(response.body!) as Record<string, unknown>;

describe('problem+json members are a contract (issue 11, item 4)', () => {
  it('a domain error detail never overwrites type, title, status, detail or code; other details stay as extensions', () => {
    const response = toProblem(new DomainError('conflict', 'duplicate', 'The code FREE100 is taken', colliding as ErrorDetails));
    expect(response.statusCode).toBe(409);
    expect(bodyOf(response)).toEqual({
      type: 'https://eventos.dev/problems/duplicate',
      title: 'Conflict',
      status: 409,
      detail: 'The code FREE100 is taken',
      code: 'duplicate',
      existingId: '01JD0000000000000000000000',
    });
    // Field errors in details are the problem's own `errors` member.
    const errors = [{ path: 'body.stages', message: 'needs exactly one won stage' }];
    expect(bodyOf(toProblem(conflict('invalid_stages', 'Not a pipeline', { errors, pipelineId: 'p1' })))).toEqual({
      type: 'https://eventos.dev/problems/invalid_stages',
      title: 'Conflict',
      status: 409,
      detail: 'Not a pipeline',
      code: 'invalid_stages',
      errors,
      pipelineId: 'p1',
    });
  });

  it('an HttpProblem extension never overwrites them either', () => {
    const extra: Record<string, unknown> = { ...colliding, errors: 'nope' };
    const response = toProblem(new HttpProblem({ status: 403, code: 'forbidden', title: 'Forbidden', extra }));
    const body = bodyOf(response);
    expect(body).toMatchObject({ type: 'https://eventos.dev/problems/forbidden', title: 'Forbidden', status: 403, code: 'forbidden' });
    expect(body).not.toHaveProperty('detail');
    expect(body).not.toHaveProperty('errors');
    expect(body.existingId).toBe('01JD0000000000000000000000');
  });

  it('refuses reserved names in details at compile time (checked by tsc: an unused @ts-expect-error fails it)', () => {
    // @ts-expect-error `status` is the HTTP status; a resource's state needs its own name (orderStatus, …)
    const refused = conflict('invalid_transition', 'A refunded order cannot be refunded', { status: 'refunded' });
    // @ts-expect-error `code` is the error's code; the voucher's is `voucherCode`
    conflict('duplicate', 'Taken', { code: 'FREE100' });
    expect(refused).toBeInstanceOf(DomainError);
  });

  it('the OpenAPI Problem schema allows extension members', () => {
    const problem = { type: 'https://eventos.dev/problems/duplicate', title: 'Conflict', status: 409, code: 'duplicate', existingId: 'c1' };
    expect(z.parse(Problem, problem)).toEqual(problem);
    const schema = buildOpenApiDocument(routes).components.schemas.Problem!;
    expect(schema.additionalProperties).not.toBe(false);
    expect(schema.required).toEqual(['type', 'title', 'status', 'code']);
  });
});
