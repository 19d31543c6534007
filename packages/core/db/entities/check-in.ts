import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * The audit trail: every scan, admitted or refused, with its device and
 * reason. Admissions are written by the `ticket.checked_in` consumer (off
 * the request path); refusals by the request itself.
 */
export const checkInSchema = {
  model: { entity: 'checkIn', version: '1', service: SERVICE },
  attributes: {
    checkInId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    listId: { type: 'string', required: true },
    deviceId: { type: 'string', required: true },
    type: { type: ['entry', 'exit'] as const, required: true },
    /** `ok`, `duplicate` (offline, already admitted) or the refusal code. */
    result: { type: 'string', required: true },
    ticketId: { type: 'string' },
    ticketTypeId: { type: 'string' },
    scannedAt: { type: 'string', required: true },
    receivedAt: { type: 'string', required: true },
    /** The device's claimed time, when it sent one (online scans are judged by receivedAt, docs/scanner.md). */
    clientScannedAt: { type: 'string' },
    nonce: { type: 'string' },
    offline: { type: 'boolean', required: true, default: false },
    detail: { type: 'string' },
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['checkInId'] }, sk: { field: 'sk', composite: [] } },
    byEvent: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['eventId'] },
      sk: { field: 'gsi1sk', composite: ['receivedAt', 'checkInId'] },
    },
    byDevice: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['eventId', 'deviceId'] },
      sk: { field: 'gsi2sk', composite: ['receivedAt', 'checkInId'] },
    },
    byList: {
      index: 'gsi3',
      pk: { field: 'gsi3pk', composite: ['eventId', 'listId'] },
      sk: { field: 'gsi3sk', composite: ['receivedAt', 'checkInId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const checkInEntity: Db['entities']['checkIn'];
