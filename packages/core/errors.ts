/**
 * Domain errors say what went wrong in domain words; the HTTP layer maps
 * `kind` to a status code, so domain code never knows about HTTP.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'precondition' | 'unprocessable' | 'rate_limited' | 'unavailable';

/**
 * Names that describe the error itself — its kind, code and message — when
 * it is reported (problem+json's `type`, `title`, `status`, `detail`,
 * `code`). A detail under one of these names would replace the error's own
 * description (`{ status: order.status }` once turned an HTTP status into
 * "refunded"), so details must name what they hold: `orderStatus`,
 * `voucherCode`, …
 */
export const RESERVED_DETAIL_NAMES = ['type', 'title', 'status', 'detail', 'code'] as const;
export type ReservedDetailName = (typeof RESERVED_DETAIL_NAMES)[number];

/** One refused input field; `path` is where it sits in the request (`body.email`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * What a refusal adds beside its code and message. Reserved names cannot be
 * given (the compiler refuses them; the reporter drops them at run time too);
 * `errors`, when present, is the list of refused fields.
 */
export type ErrorDetails = { readonly [name: string]: unknown } & { readonly [K in ReservedDetailName]?: never } & {
  readonly errors?: readonly FieldIssue[];
};

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError('not_found', 'not_found', `${what} ${id} does not exist`, { id });

export const conflict = (code: string, message: string, details?: ErrorDetails) =>
  new DomainError('conflict', code, message, details);

export const unprocessable = (code: string, message: string, details?: ErrorDetails) =>
  new DomainError('unprocessable', code, message, details);

export const invalid = (code: string, message: string, details?: ErrorDetails) =>
  new DomainError('invalid', code, message, details);

/** A dependency (the payment provider) failed; the client may retry. */
export const unavailable = (code: string, message: string, details?: ErrorDetails) =>
  new DomainError('unavailable', code, message, details);

/** Too many requests from one client or to one resource; `retryAfter` (seconds) says when the window reopens. */
export const rateLimited = (code: string, message: string, details: ErrorDetails & { retryAfter: number }) =>
  new DomainError('rate_limited', code, message, details);
/** The caller's `If-Match` version is not the resource's current one: someone changed it since they read it. */
export const preconditionFailed = (what: string, id: string, details?: ErrorDetails) =>
  new DomainError('precondition', 'precondition_failed', `${what} ${id} changed since you read it: read it again and reapply your change`, details);
