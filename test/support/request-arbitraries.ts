import fc from 'fast-check';

/**
 * fast-check arbitraries for generated HTTP requests: values a hostile or
 * careless client sends (nasty strings, huge numbers, wrong types, missing
 * fields) and bodies guided by a route's JSON Schema, so many of them get
 * past validation into the domain code.
 *
 * Ids of resources that exist are not known when requests are generated (they
 * are created when the test starts); generated values hold placeholders
 * `@@<n>` that the test swaps for real ids, so one seed always yields the
 * same requests.
 */

export type JsonSchema = Record<string, any>;

export const ID_SLOTS = 12;
const placeholder = (n: number) => `@@${n}`;
export const PLACEHOLDER = /@@(\d+)/g;

const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const randomUlid = fc
  .array(fc.constantFrom(...ULID_ALPHABET), { minLength: 26, maxLength: 26 })
  .map((chars) => `0${chars.slice(1).join('')}`);

/** An id: one of the resources that exist (any kind: a wrong kind is a client mistake too), or a ULID nobody has. */
export const anId = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: ID_SLOTS - 1 }).map(placeholder), weight: 3 },
  { arbitrary: randomUlid, weight: 1 },
);

const nastyConstants = [
  '',
  ' ',
  '%zz',
  '%00',
  '%',
  '\u0000',
  '..',
  '../../etc/passwd',
  '%2e%2e%2f',
  '\uD800',
  '\uDFFF',
  '\uFFFE',
  '😀👩‍👩‍👧',
  'İstanbul ß ﬁ',
  '\u202Eevil',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x/a}',
  '{{firstName}}',
  '1e309',
  '-0',
  'NaN',
  'null',
  'true',
  '__proto__',
  'constructor',
  '2026-02-30T25:61:00Z',
  '0000-00-00',
  'a@b',
  'EUR ',
  'eur',
];

/** A string a careless or hostile client sends. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...nastyConstants), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.array(fc.constantFrom('%', 'zz', '%25', '%2F', '%C0%AF', '%E0%A4', '/', '?', '#', 'a'), { maxLength: 8 }).map((p) => p.join('')), weight: 1 },
  { arbitrary: fc.integer({ min: 300, max: 70_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
  { arbitrary: anId, weight: 1 },
);

/** Numbers at the edges: huge, tiny, negative zero, unsafe integers. */
export const nastyNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1e308, -1e308, 5e-324, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e21, 0.1, 99.999, 2_147_483_648),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Any JSON value, with a bias for the nasty kinds. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 3 },
  { arbitrary: nastyString, weight: 2 },
  { arbitrary: nastyNumber, weight: 2 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 1 },
  { arbitrary: fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }), weight: 1 },
);

/** encodeURIComponent, after making lone surrogates the replacement character (it throws on them). */
export const percentEncode = (text: string) => encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'));

const MISSING = Symbol('missing');
/** fc.oneof weights are integers; a share of 0–1 becomes 0–100. */
const weight = (share: number) => Math.max(0, Math.round(share * 100));

export interface SchemaArbitraries {
  /** A value shaped by the schema; `nasty` (0–1) is how often a part is replaced, dropped or retyped. */
  of(schema: JsonSchema, nasty?: number): fc.Arbitrary<unknown>;
}

/** Schema-guided arbitraries for the JSON Schemas of an OpenAPI document (`$ref` into `components.schemas`). */
export function schemaArbitraries(components: Record<string, JsonSchema>): SchemaArbitraries {
  const resolve = (ref: string): JsonSchema => components[ref.replace('#/components/schemas/', '')] ?? {};

  function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
    if (schema.format === 'email') return fc.emailAddress();
    if (schema.format === 'date-time' || schema.format === 'date') {
      const date = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
      return date.map((d) => (schema.format === 'date' ? d.toISOString().slice(0, 10) : d.toISOString()));
    }
    if (typeof schema.pattern === 'string') {
      if (schema.pattern.includes('{26}')) return anId;
      try {
        return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 300));
      } catch {
        return fc.string();
      }
    }
    return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 120) });
  }

  function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
    const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-9) : -1_000_000);
    const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-9) : 1_000_000);
    const lo = Math.max(min, Number.MIN_SAFE_INTEGER);
    const hi = Math.min(max, Number.MAX_SAFE_INTEGER);
    return integer ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true });
  }

  function valid(schema: JsonSchema, nasty: number, depth: number): fc.Arbitrary<unknown> {
    if (schema.$ref) return valid(resolve(schema.$ref), nasty, depth);
    if ('const' in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
    const union = schema.anyOf ?? schema.oneOf;
    if (Array.isArray(union)) return fc.oneof(...union.map((s: JsonSchema) => any(s, nasty, depth)));
    if (Array.isArray(schema.allOf)) return any(Object.assign({}, ...schema.allOf.map((s: JsonSchema) => (s.$ref ? resolve(s.$ref) : s))), nasty, depth);
    const type = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (type.length > 1) return fc.oneof(...type.map((t: string) => valid({ ...schema, type: t }, nasty, depth)));
    switch (type[0]) {
      case 'object':
        return objectOf(schema, nasty, depth);
      case 'array': {
        const maxLength = Math.min(schema.maxItems ?? 4, 6);
        return fc.array(any(schema.items ?? {}, nasty, depth + 1), { minLength: Math.min(schema.minItems ?? 0, maxLength), maxLength });
      }
      case 'string':
        return stringOf(schema);
      case 'integer':
        return numberOf(schema, true);
      case 'number':
        return numberOf(schema, false);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      default:
        return anyJson;
    }
  }

  function objectOf(schema: JsonSchema, nasty: number, depth: number): fc.Arbitrary<unknown> {
    const required = new Set<string>(schema.required ?? []);
    const entries = Object.entries<JsonSchema>(schema.properties ?? {}).map(([name, prop]) => {
      const value = fc.oneof(
        { arbitrary: any(prop, nasty, depth + 1), weight: weight(required.has(name) ? 1 - nasty : (1 - nasty) / 2) + 1 },
        { arbitrary: anyJson, weight: weight(nasty / 2) },
        { arbitrary: fc.constant(MISSING), weight: weight(required.has(name) ? nasty / 2 : 0.5) },
      );
      return [name, value] as const;
    });
    const extra = fc.oneof(
      { arbitrary: fc.constant({}), weight: 8 },
      { arbitrary: fc.dictionary(nastyString, anyJson, { maxKeys: 2 }), weight: weight(nasty) + 1 },
    );
    return fc.tuple(fc.record(Object.fromEntries(entries)), extra).map(([record, more]) => {
      const out: Record<string, unknown> = { ...more };
      for (const [k, v] of Object.entries(record)) if (v !== MISSING) out[k] = v;
      return out;
    });
  }

  function any(schema: JsonSchema, nasty: number, depth: number): fc.Arbitrary<unknown> {
    if (depth > 5) return fc.constant(null);
    return fc.oneof(
      { arbitrary: valid(schema, nasty, depth), weight: weight(1 - nasty) + 1 },
      { arbitrary: anyJson, weight: weight(nasty) },
    );
  }

  return { of: (schema, nasty = 0.1) => any(schema, nasty, 0) };
}

/** Raw bodies JSON.parse may or may not accept: broken, deep, huge numbers, not JSON at all. */
export const rawBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('{', '{"a":', 'null', '[]', '""', '1e999', '-1e999', '{"amount":1e999}', '{"__proto__":{"x":1}}', '\uFEFF{}', 'undefined', '{"a":1,"a":2}'),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

/**
 * A path segment as it goes on the wire: a real id, an encoded nasty string,
 * or a raw malformed escape. At most 2,000 characters: three of them stay
 * within the request-line limits of API Gateway (10 KB) and Node (16 KB).
 */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: anId, weight: 2 },
  { arbitrary: fc.constantFrom('%zz', '%00', '%', '%%', '..', '.', '%2e%2e', '%2F', '%2f..%2f', '%C0%AF', '%E0%A4%A', '%ED%A0%80', '%FF', '%u0041', '+', '%20', '~'), weight: 3 },
  { arbitrary: nastyString.map(percentEncode).filter((s) => s.length > 0 && s.length <= 2_000), weight: 3 },
  { arbitrary: fc.integer({ min: 200, max: 2_000 }).map((n) => 'A'.repeat(n)), weight: 1 },
  { arbitrary: fc.tuple(anId, fc.constantFrom('%zz', '%00', '%2F', '..')).map(([a, b]) => `${a}${b}`), weight: 1 },
);
