import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';

/**
 * The audience, written straight into the table: `n` contacts with marketing
 * consent and a ready segment holding them all. Through the API each contact
 * would also run the CRM's consumers (segment refresh, lead scoring), which is
 * not what this section measures.
 */
export async function seedAudience(n: number, domain: string): Promise<{ segmentId: string; emails: string[] }> {
  const at = new Date().toISOString();
  const segmentId = newId();
  const contacts = Array.from({ length: n }, (_, i) => ({
    contactId: newId(),
    email: `bench.${i}@${domain}`,
    firstName: `Guest${i}`,
    marketingConsent: true,
    marketingConsentAt: at,
    state: 'active' as const,
    tags: ['bench-campaign'],
    createdAt: at,
    updatedAt: at,
  }));
  const chunks = <T>(items: T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
  const writeAll = async <T>(label: string, items: T[], put: (batch: T[]) => Promise<{ unprocessed: unknown[] }>) => {
    const batches = chunks(items, 25);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < batches.length) {
          const batch = batches[next++]!;
          const { unprocessed } = await put(batch);
          if (unprocessed.length) throw new Error(`${label}: ${unprocessed.length} items unprocessed`);
        }
      }),
    );
  };
  await writeAll('contacts', contacts, (b) => db().entities.contact.put(b).go());
  await writeAll('email guards', contacts, (b) => db().entities.contactEmail.put(b.map((c) => ({ email: c.email, contactId: c.contactId }))).go());
  await writeAll('segment members', contacts, (b) => db().entities.segmentMember.put(b.map((c) => ({ segmentId, contactId: c.contactId, addedAt: at }))).go());
  await db()
    .entities.segment.create({ segmentId, name: 'Bench audience', filter: { tag: 'bench-campaign' }, status: 'ready', memberCount: n, version: 1, builtAt: at, createdAt: at, updatedAt: at })
    .go();
  return { segmentId, emails: contacts.map((c) => c.email) };
}
