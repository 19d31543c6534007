import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemInput {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: FieldError[];
  extra?: Record<string, unknown>;
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
      ...extra,
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
