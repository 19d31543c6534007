import * as z from 'zod/mini';
import { IdParams, IsoDateTime, ListQuery, Timestamps, Ulid, listOf, timesInOrder } from '#packages/core/common-schemas.ts';

const DeviceId = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));
const Nonce = z.string().check(z.minLength(1), z.maxLength(64));
/** Codes are short (see docs/ticket-codes.md); anything far longer is garbage, refused as `invalid`. */
const Code = z.string().check(z.maxLength(512));
const ScanType = z.enum(['entry', 'exit']);
/** Default list: the event id. */
const ListId = Ulid;

export const CheckInRequest = z
  .object({
    code: Code,
    deviceId: DeviceId,
    listId: z.optional(ListId),
    scannedAt: z.optional(IsoDateTime),
    nonce: z.optional(Nonce),
    type: z._default(ScanType, 'entry'),
  })
  .register(z.globalRegistry, { id: 'CheckInRequest' });

export const CheckInRecord = z
  .object({
    id: z.string(),
    eventId: Ulid,
    listId: z.string(),
    ticketId: z.optional(z.string()),
    ticketTypeId: z.optional(z.string()),
    deviceId: z.string(),
    type: ScanType,
    /** As a scan's answer says it: `ok`, `duplicate` or `refused` (then `code` says why). */
    status: z.enum(['ok', 'duplicate', 'refused']),
    /** A refusal's code (`already_used`, `invalid`, `canceled`…). */
    code: z.optional(z.string()),
    /** Deprecated: `status`, or a refusal's `code`. Kept for clients of the audit trail written before `status`. */
    result: z.string().register(z.globalRegistry, { deprecated: true }),
    scannedAt: IsoDateTime,
    receivedAt: IsoDateTime,
    /** The device's claimed time, when it sent one; `scannedAt` is the time the scan was judged by. */
    clientScannedAt: z.optional(IsoDateTime),
    offline: z.boolean(),
    nonce: z.optional(z.string()),
    detail: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'CheckInRecord' });

export const Attendee = z.object({ name: z.string(), email: z.optional(z.string()), ticketTypeId: z.string(), ticketTypeName: z.string() });

export const CheckInResult = z
  .object({ status: z.enum(['ok', 'duplicate']), checkIn: CheckInRecord, attendee: Attendee })
  .register(z.globalRegistry, { id: 'CheckInResult' });

export const BatchScan = z.object({
  code: Code,
  scannedAt: IsoDateTime,
  nonce: Nonce,
  deviceId: z.optional(DeviceId),
  listId: z.optional(ListId),
  type: z._default(ScanType, 'entry'),
});

export const CheckInBatch = z
  .object({ deviceId: DeviceId, scans: z.array(BatchScan).check(z.minLength(1), z.maxLength(500)) })
  .register(z.globalRegistry, { id: 'CheckInBatch' });

export const BatchScanResult = z.object({
  nonce: z.string(),
  /** `ok`, `duplicate` (admitted offline by another device first; kept, counted once) or `refused`. */
  status: z.enum(['ok', 'duplicate', 'refused']),
  /** `ok`, `duplicate` or the refusal reason (`invalid`, `already_checked_in`, …). */
  code: z.string(),
  httpStatus: z.int(),
  checkIn: z.optional(CheckInRecord),
  attendee: z.optional(Attendee),
  detail: z.optional(z.string()),
  firstCheckedInAt: z.optional(z.string()),
  firstDeviceId: z.optional(z.string()),
});

export const CheckInBatchResult = z
  .object({ results: z.array(BatchScanResult) })
  .register(z.globalRegistry, { id: 'CheckInBatchResult' });

export const CheckInListQuery = z.extend(ListQuery, {
  deviceId: z.optional(DeviceId),
  listId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  since: z.optional(IsoDateTime),
});

export const CreateCheckInList = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    /** Empty or omitted: every ticket type of the event. */
    ticketTypeIds: z.optional(z.array(Ulid).check(z.maxLength(100))),
    validFrom: z.optional(IsoDateTime),
    validUntil: z.optional(IsoDateTime),
    allowMultipleEntries: z.optional(z.boolean()),
    allowEntryAfterExit: z.optional(z.boolean()),
  })
  .check(timesInOrder('validFrom', 'validUntil'))
  .register(z.globalRegistry, { id: 'CreateCheckInList' });

export const CheckInList = z
  .object({
    id: z.string(),
    eventId: Ulid,
    name: z.string(),
    ticketTypeIds: z.array(z.string()),
    validFrom: z.optional(IsoDateTime),
    validUntil: z.optional(IsoDateTime),
    allowMultipleEntries: z.boolean(),
    allowEntryAfterExit: z.boolean(),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'CheckInList' });

export const ListParams = z.extend(IdParams, { listId: Ulid });

export const ScannerBundle = z
  .object({
    format: z.literal('eventos-scanner-bundle/1'),
    eventId: Ulid,
    generatedAt: IsoDateTime,
    digestAlgorithm: z.literal('sha256-hex'),
    ticketTypes: z.array(z.object({ id: z.string(), name: z.string() })),
    lists: z.array(CheckInList),
    tickets: z.array(z.object({ digest: z.string(), ticketId: z.string(), ticketTypeId: z.string(), status: z.enum(['valid', 'void']) })),
  })
  .register(z.globalRegistry, { id: 'ScannerBundle' });

export const CheckInPage = listOf(CheckInRecord);
export const CheckInListPage = listOf(CheckInList);

export type CheckInRequestInput = z.infer<typeof CheckInRequest>;
export type CheckInBatchInput = z.infer<typeof CheckInBatch>;
export type CreateCheckInListInput = z.infer<typeof CreateCheckInList>;
export type CheckInRecordView = z.infer<typeof CheckInRecord>;
export type CheckInListView = z.infer<typeof CheckInList>;
export type AttendeeView = z.infer<typeof Attendee>;
export type BatchScanResultView = z.infer<typeof BatchScanResult>;
export type ScannerBundleView = z.infer<typeof ScannerBundle>;
