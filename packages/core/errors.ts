/**
 * Domain errors say what went wrong in domain words; the HTTP layer maps
 * `kind` to a status code, so domain code never knows about HTTP.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'unprocessable' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError('not_found', 'not_found', `${what} ${id} does not exist`, { id });

export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', code, message, details);

export const unprocessable = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('unprocessable', code, message, details);

export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('invalid', code, message, details);

/** A dependency (the payment provider) failed; the client may retry. */
export const unavailable = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('unavailable', code, message, details);
