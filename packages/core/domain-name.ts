import { invalid } from './errors.ts';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The one spelling of a company's domain, so `https://www.Acme.com/about`,
 * `acme.com.`, `ACME.COM:443` and `ana@acme.com` are all `acme.com`:
 * lower-cased and trimmed; an email gives its domain; scheme, user info,
 * path, query, fragment, port, trailing dots and a leading `www.` go.
 * Anything that is still not a host name with at least two labels is a 400
 * (`invalid_domain`), because it would make a uniqueness key of garbage.
 */
export function normalizeDomain(input: string): string {
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.split(/[/?#]/, 1)[0] ?? '';
  // An email (or URL user info): the domain is what follows the last '@'.
  host = host.slice(host.lastIndexOf('@') + 1);
  host = host.replace(/:\d*$/, '').replace(/\.+$/, '');
  if (host.startsWith('www.')) host = host.slice(4);
  const labels = host.split('.');
  if (host.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1)!)) {
    throw invalid('invalid_domain', `"${input}" is not a domain name such as acme.com`, {
      errors: [{ path: 'body.domain', message: 'must be a domain name such as acme.com (a URL or an email address also works)' }],
    });
  }
  return host;
}
