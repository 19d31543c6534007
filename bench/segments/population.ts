/**
 * A deterministic, realistic-looking contact base for the segments bench:
 * skewed engagement (most contacts low), a third who never bought, a few
 * common tags and some rare ones, consent for about two in three.
 */
import type { SegmentFacts } from '#packages/features/segments/segment-filter.ts';

export interface BenchContact extends SegmentFacts {
  contactId: string;
  email: string;
  firstName: string;
  tags: string[];
  engagementScore: number;
  ordersCount?: number;
  attendedEventIds?: string[];
  boughtTicketTypeIds?: string[];
}

const TAGS: Array<[string, number]> = [
  ['newsletter', 0.45],
  ['techno', 0.3],
  ['jazz', 0.2],
  ['early-bird', 0.1],
  ['vip', 0.04],
  ['press', 0.015],
];
const NAMES = ['Ana', 'Bruno', 'Carla', 'Dani', 'Eva', 'Ferran', 'Gina', 'Hugo', 'Irene', 'Jordi'];
const fakeId = (prefix: string, n: number) => `01JD${prefix}${String(n).padStart(26 - 4 - prefix.length, '0')}`;

export function benchContact(random: () => number, contactId: string, i: number): BenchContact {
  const tags = TAGS.filter(([, p]) => random() < p).map(([t]) => t);
  const bought = random() < 0.65;
  const events = bought ? Array.from(new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => fakeId('E', Math.floor(random() * 20))))) : [];
  const contact: BenchContact = {
    contactId,
    email: `bench.${i}@contacts.example.com`,
    firstName: NAMES[i % NAMES.length]!,
    tags,
    state: 'active',
    // Squared: most contacts engage little, a few a lot.
    engagementScore: Math.floor(100 * random() ** 2),
    marketingConsent: random() < 0.65,
  };
  if (random() < 0.15) contact.leadStatus = random() < 0.66 ? 'new' : 'qualified';
  if (bought) {
    contact.ordersCount = 1 + Math.floor(random() * 4);
    contact.lifetimeValueAmount = Math.round(1_500 + 38_500 * random() ** 3);
    contact.lifetimeValueCurrency = 'EUR';
    contact.boughtTicketTypeIds = events.map((e) => e.replace('01JDE', '01JDT'));
    if (random() < 0.7) contact.attendedEventIds = events;
  }
  return contact;
}
