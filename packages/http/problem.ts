import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ReservedDetailName } from '#packages/core/errors.ts';
import { logger } from '#packages/core/logger.ts';

export interface FieldError {
  path: string;
  message: string;
}

/**
 * The members RFC 9457 and our contract define (shared/README.md §2, §8).
 * They are built from the problem's own fields only: an extension member can
 * never overwrite them.
 */
export const PROBLEM_MEMBERS = ['type', 'title', 'status', 'detail', 'code', 'errors'] as const;
export type ProblemMember = (typeof PROBLEM_MEMBERS)[number];

/** Extension members (`existingId`, `refundable`, …): any name but a problem member's. */
export type ProblemExtensions = { readonly [name: string]: unknown } & { readonly [K in ProblemMember]?: never };

// Domain error details become extension members: core's reserved names must be exactly ours (minus `errors`, which details carry as field errors).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const reservedNamesAgree: Same<ReservedDetailName, Exclude<ProblemMember, 'errors'>> = true;
void reservedNamesAgree;

export interface ProblemInput {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: readonly FieldError[];
  extra?: ProblemExtensions;
}

const isMember = (name: string): name is ProblemMember => (PROBLEM_MEMBERS as readonly string[]).includes(name);

/**
 * The type system keeps member names out of `extra`, but a value typed
 * `Record<string, unknown>` slips past it: those are dropped here, and logged
 * so the call site gets renamed.
 */
function extensionsOf(code: string, extra: ProblemExtensions | undefined): Record<string, unknown> {
  const extensions: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(extra ?? {})) {
    if (isMember(name)) logger.warn('problem: extension member dropped, it would overwrite a problem member', { code, member: name });
    else extensions[name] = value;
  }
  return extensions;
}

/** RFC 9457 problem details; `type` points at the code's section of the API docs. */
export function problem({ status, code, title, detail, errors, extra }: ProblemInput): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      type: `https://eventos.dev/problems/${code}`,
      title,
      status,
      ...(detail === undefined ? {} : { detail }),
      code,
      ...(errors === undefined ? {} : { errors }),
      ...extensionsOf(code, extra),
    }),
  };
}

/** Thrown by middlewares to end a request with a problem response. */
export class HttpProblem extends Error {
  constructor(readonly input: ProblemInput) {
    super(input.title);
    this.name = 'HttpProblem';
  }
}
