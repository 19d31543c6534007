/**
 * An error the stand-in answers the way Stripe does: status code plus
 * `{ error: { type, code, message, param } }`, which the SDK turns into the
 * matching StripeError subclass.
 */
export class StripeApiError extends Error {
  /** Card errors name the issuer's reason too. */
  declineCode?: string;

  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'StripeApiError';
  }

  toBody(): { error: Record<string, string> } {
    const error: Record<string, string> = { type: this.type, message: this.message };
    if (this.code) {
      error.code = this.code;
      error.doc_url = `https://stripe.com/docs/error-codes/${this.code.replaceAll('_', '-')}`;
    }
    if (this.param) error.param = this.param;
    if (this.declineCode) error.decline_code = this.declineCode;
    return { error };
  }
}

export const invalidRequest = (message: string, code?: string, param?: string, status = 400) =>
  new StripeApiError(status, 'invalid_request_error', message, code, param);

export const noSuch = (object: string, id: string, param: string) =>
  invalidRequest(`No such ${object}: '${id}'`, 'resource_missing', param, 404);
