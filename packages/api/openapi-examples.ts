import type * as z from 'zod/mini';

type JsonSchema = z.core.JSONSchema.BaseSchema;
type Components = Record<string, JsonSchema>;

/**
 * Realistic example values for the OpenAPI document, derived from each
 * schema and the names of its fields (a `quantity` is 2, a `currency` EUR, an
 * `email` ana.garcia@example.com), never from the extremes of a type: Swagger's
 * "Try it out" used to send amounts of 9007199254740991. A route whose
 * schema-derived example its own zod schema refuses (a rule between fields)
 * gets a written one in openapi-example-overrides.ts; test/unit/openapi-examples
 * checks every example against the schema that validates the real request.
 */

/** A deterministic ULID per field name, so an example's ids differ from each other but not between builds. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function exampleUlid(seed: string): string {
  let hash = 2166136261;
  let out = '01JZ8Q3N6V';
  for (let i = 0; out.length < 26; i++) {
    hash = Math.imul(hash ^ seed.charCodeAt(i % Math.max(seed.length, 1)) ^ i, 16777619) >>> 0;
    out += CROCKFORD[hash % 32];
  }
  return out;
}

const ULID_PATTERN = '^[0-9A-HJKMNP-TV-Z]{26}$';

/** Times in one plausible order: made, updated, then the event itself. */
const TIMES: Record<string, string> = {
  createdAt: '2027-05-02T09:15:00.000Z',
  updatedAt: '2027-05-03T11:40:00.000Z',
  startsAt: '2027-07-18T18:00:00.000Z',
  endsAt: '2027-07-18T23:30:00.000Z',
  salesStartAt: '2027-05-10T08:00:00.000Z',
  salesEndAt: '2027-07-18T17:00:00.000Z',
  expiresAt: '2027-05-12T10:15:00.000Z',
  dueAt: '2027-05-20T16:00:00.000Z',
  validFrom: '2027-05-10T08:00:00.000Z',
  validUntil: '2027-06-30T22:00:00.000Z',
  opensAt: '2027-07-18T17:00:00.000Z',
  closesAt: '2027-07-18T23:59:00.000Z',
  paidAt: '2027-05-12T10:03:00.000Z',
  refundedAt: '2027-05-14T12:00:00.000Z',
};
const DEFAULT_TIME = '2027-05-12T10:00:00.000Z';

const STRINGS: Record<string, string> = {
  email: 'ana.garcia@example.com',
  firstName: 'Ana',
  lastName: 'García',
  phone: '+34600111222',
  title: 'Summer Festival 2026',
  description: 'Two stages by the harbour, doors at 18:00.',
  subject: 'Your tickets for Summer Festival 2026',
  text: 'Great set, see you next year!',
  body: 'Called about group tickets for 20 people; sending a quote on Friday.',
  content: 'Called about group tickets for 20 people; sending a quote on Friday.',
  notes: 'VIP entrance on the north side.',
  reason: 'Customer asked to cancel: cannot attend',
  city: 'Valencia',
  country: 'ES',
  countryCode: 'ES',
  address: 'Moll de la Duana s/n',
  timezone: 'Europe/Madrid',
  timeZone: 'Europe/Madrid',
  currency: 'EUR',
  domain: 'acme-events.example',
  website: 'https://acme-events.example',
  url: 'https://hooks.example.com/eventos',
  code: 'SUMMER10',
  voucherCode: 'SUMMER10',
  promoterCode: 'DJ-ANA',
  category: 'Stalls',
  username: 'ana.garcia',
  roleId: 'sales',
  locale: 'es-ES',
  language: 'es',
  color: '#2f6fdf',
  source: 'website',
  company: 'Acme Events Ltd',
  jobTitle: 'Head of Partnerships',
  label: 'Front row',
  slug: 'summer-festival-2026',
  line1: 'Moll de la Duana s/n',
  line2: 'Gate 3',
  postalCode: '46024',
  html: '<h1>The line-up is out</h1><p>Two stages, one weekend. <a href="https://acme-events.example/summer">Get tickets</a></p>',
  tag: 'vip',
  leadSource: 'website',
  option: 'Vegetarian',
  question: 'Any dietary requirements?',
  comment: 'Great set, see you next year!',
  message: 'Great set, see you next year!',
};

/** A `name` reads as what it names, by the tag of the route. */
const NAMES: Record<string, string> = {
  Venues: 'Harbour Hall',
  Events: 'Summer Festival 2026',
  'Ticket types': 'General admission',
  Bundles: 'Weekend pass + parking',
  Vouchers: 'Early bird 10 %',
  Companies: 'Acme Events Ltd',
  Segments: 'Bought in 2025, opted in',
  Campaigns: 'Line-up announcement',
  Pipelines: 'Sponsorship',
  Opportunities: 'Main-stage sponsorship 2026',
  Roles: 'Box office',
  Webhooks: 'CRM sync',
  Workflows: 'Welcome new buyers',
  Seating: 'Stalls',
  'VIP tables': 'Table 12',
  Promoters: 'DJ Ana',
  'Guest lists': 'Artists and crew',
  Speakers: 'Dr. Lina Ortega',
  Agenda: 'Keynote: The future of live events',
  Materials: 'Keynote slides',
};

const INTEGERS: Record<string, number> = {
  quantity: 2,
  totalCapacity: 5000,
  holdMinutes: 15,
  minParty: 4,
  maxParty: 8,
  nps: 9,
  minNps: 7,
  maxNps: 10,
  capacity: 500,
  amount: 4500,
  price: 4500,
  maxPerOrder: 10,
  minPerOrder: 1,
  limit: 25,
  position: 1,
  order: 1,
  x: 120,
  y: 80,
  rating: 5,
  score: 40,
  points: 10,
  seats: 8,
  probability: 60,
  percent: 10,
  percentOff: 10,
  total: 1,
  count: 1,
};

const PATTERNS: Record<string, string> = {
  [ULID_PATTERN]: 'ulid',
  '^[A-Z]{3}$': 'EUR',
  '^[A-Z]{2}$': 'ES',
  '^([01]\\d|2[0-3]):[0-5]\\d$': '18:30',
  '^[a-z][a-z0-9_]{1,47}$': 'vip_guest',
  '^[A-Za-z0-9_-]{1,64}$': 'summer-2026',
  '^[a-z0-9_]{1,40}$': 'newsletter',
  '^[a-z0-9_-]{1,32}$': 'box-office',
  '^[a-z0-9_-]{1,40}$': 'budget',
  '^\\d{4}-\\d{2}-\\d{2}$': '2027-07-18',
  '^[A-Z0-9_-]{3,64}$': 'SUMMER10',
  '^[A-Za-z0-9]{6,40}$': 'DJANA2026',
  '^[^\\s#]{1,100}$': 'A-12',
  '^(event|contact)(\\.[A-Za-z0-9_]+)+$': 'contact.email',
  '^(event|[0-9A-HJKMNP-TV-Z]{26})$': 'event',
  '^[a-z]+\\/[a-z0-9.+-]+$': 'application/pdf',
  '^[A-Za-z0-9._ -]{1,120}$': 'contacts-2026.csv',
  '^[A-Za-z0-9_-]+$': 'summer-2026',
  '^[a-z][a-z0-9_-]{1,39}$': 'box-office',
  '^[a-z0-9][a-z0-9._-]{2,63}$': 'ana.garcia',
};

export interface ExampleOptions {
  /** Include optional properties (responses: yes; requests: yes, falling back to the required ones). */
  optional: boolean;
  /** Leave out optional references to other resources (`managerId`, `segmentId`): a request example works without them. */
  skipOptionalIds?: boolean;
  /** The route's tag, for what a `name` is. */
  tag: string;
}

const resolveRef = (components: Components, schema: JsonSchema): JsonSchema => {
  const ref = (schema as { $ref?: string }).$ref;
  return ref ? resolveRef(components, components[ref.split('/').pop()!] ?? {}) : schema;
};

function stringExample(schema: JsonSchema, key: string, tag: string): string {
  const { pattern, format, minLength = 0, maxLength = Infinity } = schema as { pattern?: string; format?: string; minLength?: number; maxLength?: number };
  const fit = (s: string) => (s.length >= minLength && s.length <= maxLength ? s : undefined);
  if (pattern === ULID_PATTERN) return exampleUlid(key);
  if (format === 'date-time' || pattern?.includes('T(?:(?:[01]')) return TIMES[key] ?? DEFAULT_TIME;
  if (format === 'date' || pattern?.startsWith('^(?:(?:\\d\\d[2468]')) return (TIMES[key] ?? DEFAULT_TIME).slice(0, 10);
  if (format === 'email') return STRINGS.email!;
  if (format === 'uri') return STRINGS.url!;
  if (pattern && PATTERNS[pattern]) return PATTERNS[pattern] === 'ulid' ? exampleUlid(key) : PATTERNS[pattern]!;
  const named = key === 'name' ? NAMES[tag] : (STRINGS[key] ?? (key.endsWith('Id') ? exampleUlid(key) : undefined));
  const value = (named !== undefined && fit(named)) || fit(key ? `${key.replace(/([A-Z])/g, ' $1').toLowerCase()} example` : 'example');
  return value ?? 'x'.repeat(Math.max(minLength, 1));
}

function numberExample(schema: JsonSchema, key: string): number {
  const { minimum, maximum, exclusiveMinimum, type } = schema as { minimum?: number; maximum?: number; exclusiveMinimum?: number; type?: string };
  const low = minimum ?? (exclusiveMinimum !== undefined ? exclusiveMinimum + 1 : 0);
  const high = maximum !== undefined && maximum < Number.MAX_SAFE_INTEGER ? maximum : Infinity;
  const wanted = INTEGERS[key] ?? (type === 'number' ? 1.5 : 1);
  return Math.min(Math.max(wanted, low), high);
}

/** The example of one schema; `key` is the property it sits under, which says what a string or number means. */
export function exampleOf(components: Components, schema: JsonSchema, options: ExampleOptions, key = '', depth = 0): unknown {
  if (depth > 20) return undefined;
  const s = resolveRef(components, schema) as JsonSchema & Record<string, unknown>;
  if (s.examples && Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if ('const' in s) return s.const;
  if ('default' in s && s.default !== undefined && !(Array.isArray(s.default) && s.default.length === 0)) return s.default;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum.find((v) => v !== null) ?? s.enum[0];
  const options_ = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (options_?.length) {
    const first = options_.find((o) => (resolveRef(components, o) as { type?: unknown }).type !== 'null') ?? options_[0]!;
    return exampleOf(components, first, options, key, depth + 1);
  }
  if (Array.isArray(s.allOf) && s.allOf.length) return exampleOf(components, s.allOf[0] as JsonSchema, options, key, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return stringExample(s, key, options.tag);
    case 'integer':
    case 'number':
      return numberExample(s, key);
    case 'boolean':
      return key === 'marketingConsent' || key.startsWith('is') || key === 'enabled' || key === 'active';
    case 'null':
      return null;
    case 'array': {
      const count = Math.max(1, (s.minItems as number | undefined) ?? 1);
      const item = s.items as JsonSchema | undefined;
      const singular = key.endsWith('ies') ? `${key.slice(0, -3)}y` : key.replace(/s$/, '');
      return Array.from({ length: count }, (_, i) => exampleOf(components, item ?? {}, options, `${singular}${i ? i : ''}`, depth + 1));
    }
    case 'object':
    default:
      return objectExample(components, s, options, key, depth);
  }
}

function objectExample(components: Components, s: JsonSchema & Record<string, unknown>, options: ExampleOptions, key: string, depth: number): unknown {
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  if (!Object.keys(properties).length) {
    const values = s.additionalProperties;
    if (values && typeof values === 'object') {
      const names = s.propertyNames as JsonSchema | undefined;
      const name = names ? String(exampleOf(components, names, options, 'key', depth + 1)) : 'vip_guest';
      return { [name]: exampleOf(components, values as JsonSchema, options, key, depth + 1) };
    }
    return s.type === 'object' ? {} : 'example';
  }
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (!required.has(name) && (!options.optional || (options.skipOptionalIds && /Ids?$/.test(name)))) continue;
    const value = exampleOf(components, property, options, name, depth + 1);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
