import type { Permission } from '#packages/auth/permissions.ts';
import type { Principal } from '#packages/auth/principal.ts';
import { assertCanSee } from '#packages/features/promoters/index.ts';
import type { ExportKindName, ExportRequestBody } from './contract.ts';
import { csvStream, type Column, type CsvStreamOptions } from './csv-writer.ts';
import {
  attendeeColumns,
  attendeePages,
  checkInColumns,
  checkInPages,
  commissionColumns,
  commissionPages,
  contactColumns,
  contactPages,
  orderColumns,
  orderPages,
  recipientColumns,
  recipientPages,
} from './sources.ts';

type FilterOf<K extends ExportKindName> = Extract<ExportRequestBody, { kind: K }>['filter'];
type Open = (options: CsvStreamOptions) => ReturnType<typeof csvStream>;

export interface ExportKindSpec<K extends ExportKindName> {
  /** What a caller must hold to start this kind of export and to be handed its file: the sync route's or the list's. */
  permission: Permission;
  fileName: (filter: FilterOf<K>) => string;
  /** The kind's own scoping beyond the permission (a promoter sees only its own ledger): throws as its routes do. */
  assertMayRead?: (principal: Principal, filter: FilterOf<K>) => Promise<void>;
  /** The CSV, streamed from the same columns and page sources as the synchronous routes. */
  open: (filter: FilterOf<K>) => Open;
}

const source =
  <T>(columns: readonly Column<T>[], pages: AsyncIterable<readonly T[]>): Open =>
  (options) =>
    csvStream(columns, pages, options);

export const exportKinds: { [K in ExportKindName]: ExportKindSpec<K> } = {
  contacts: { permission: 'contacts:read', fileName: () => 'contacts.csv', open: (f) => source(contactColumns, contactPages(f)) },
  orders: { permission: 'orders:read', fileName: (f) => `orders-${f.eventId}.csv`, open: (f) => source(orderColumns, orderPages(f.eventId, f.status)) },
  attendees: {
    permission: 'orders:read',
    fileName: (f) => `attendees-${f.eventId}.csv`,
    open: (f) => source(attendeeColumns, attendeePages(f.eventId, { ticketTypeId: f.ticketTypeId, checkedIn: f.checkedIn })),
  },
  'check-ins': { permission: 'checkins:read', fileName: (f) => `check-ins-${f.eventId}.csv`, open: (f) => source(checkInColumns, checkInPages(f.eventId)) },
  'campaign-recipients': {
    permission: 'campaigns:read',
    fileName: (f) => `campaign-${f.campaignId}-recipients.csv`,
    open: (f) => source(recipientColumns, recipientPages(f.campaignId)),
  },
  commissions: {
    permission: 'promoters:self',
    fileName: (f) => `commissions-${f.promoterId}.csv`,
    assertMayRead: async (principal, f) => {
      await assertCanSee(principal, f.promoterId);
    },
    open: (f) => source(commissionColumns, commissionPages(f.promoterId)),
  },
};

/** The spec of a stored request's kind, with its filter as that kind's (stored as it was validated). */
export function kindOf(body: ExportRequestBody): { spec: ExportKindSpec<ExportKindName>; filter: never } {
  return { spec: exportKinds[body.kind] as ExportKindSpec<ExportKindName>, filter: body.filter as never };
}
