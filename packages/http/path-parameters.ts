import { HttpProblem } from './problem.ts';

/**
 * Path parameters as the route's schema sees them: percent-decoded, once.
 *
 * API Gateway hands the handler each `{name}` segment as it was sent, still
 * percent-encoded, and the local runner does the same; decoding happens here
 * only, so a value is never decoded twice (`%2525` is `%25`, not `%`). A
 * segment that is not valid percent-encoding of UTF-8 (`%zz`, a lone `%`, a
 * truncated or overlong sequence) is the client's mistake: 400 `invalid_path`,
 * where decodeURIComponent would have thrown a URIError and made it a 500.
 */
export function decodePathParameters(raw: Readonly<Record<string, string | undefined>> | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  const errors: { path: string; message: string }[] = [];
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (value === undefined) continue;
    try {
      decoded[name] = decodeURIComponent(value);
    } catch {
      errors.push({ path: `params.${name}`, message: 'is not valid percent-encoding (each % must start an escape of UTF-8 bytes)' });
    }
  }
  if (errors.length) {
    throw new HttpProblem({
      status: 400,
      code: 'invalid_path',
      title: 'Invalid path',
      detail: 'A path segment is not valid percent-encoding',
      errors,
    });
  }
  return decoded;
}
