import { exampleUlid } from './openapi-examples.ts';

/**
 * Examples written by hand for the routes whose schema-derived example would
 * break a rule between fields (a line names a ticket type OR a bundle) or would
 * not show how the route is really used. Keyed by operationId; the ids are the
 * same deterministic example ULIDs the rest of the document uses.
 */
export const exampleOverrides: Record<string, { request?: unknown; responses?: Record<number, unknown> }> = {
  createOrder: {
    request: {
      buyer: { email: 'ana.garcia@example.com', firstName: 'Ana', lastName: 'García' },
      items: [{ ticketTypeId: exampleUlid('ticketTypeId'), quantity: 2 }],
      marketingConsent: true,
    },
  },
  createLead: {
    request: {
      person: { email: 'lina.ortega@example.com', firstName: 'Lina', lastName: 'Ortega' },
      company: { name: 'Acme Events Ltd', domain: 'acme-events.example' },
      source: 'website',
      estimatedValue: { amount: 250000, currency: 'EUR' },
      probability: 40,
    },
  },
  // One of map, pretix or venueMap: a small native map (a pretix import and a venue map's adoption are documented on the schema).
  createSeatMap: {
    request: {
      map: {
        name: 'Main hall',
        size: { width: 400, height: 300 },
        categories: [{ name: 'Stalls', ticketTypeId: exampleUlid('ticketTypeId') }],
        zones: [
          {
            zoneId: 'ground',
            name: 'Ground floor',
            sections: [
              {
                sectionId: 'stalls-a',
                name: 'Stalls A',
                rows: [
                  {
                    rowNumber: 'A',
                    seats: [
                      { seatGuid: 'A-1', seatNumber: '1', position: { x: 10, y: 10 }, category: 'Stalls' },
                      { seatGuid: 'A-2', seatNumber: '2', position: { x: 30, y: 10 }, category: 'Stalls' },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    },
  },
  createVipTable: {
    request: {
      name: 'Table 12',
      minParty: 4,
      maxParty: 8,
      minimumSpend: { amount: 60000, currency: 'EUR' },
      deposit: { kind: 'percent', percent: 25 },
      refundableUntil: '2027-07-16T23:59:00.000Z',
      arrivalCutoff: '2027-07-19T01:00:00.000Z',
    },
  },
  createImport: {
    request: {
      resource: 'contacts',
      csv: 'email,firstName,lastName\nana.garcia@example.com,Ana,García\nlina.ortega@example.com,Lina,Ortega\n',
      fileName: 'contacts-2026.csv',
      onConflict: 'upsert',
      dryRun: true,
    },
  },
};
