import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * One sellable seat of an event's published seat map: the unit a sale, a hold
 * or an organiser's block is decided on, by a condition on `state`. All seats
 * of a section share a partition, so a map client reads a section's states in
 * ONE Query; every seat is its own item, so buyers of different seats never
 * contend on one counter.
 */
export const seatSchema = {
  model: { entity: 'seat', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    sectionId: { type: 'string', required: true, readOnly: true },
    /** As the map names it (case kept); keys are lower-cased, so guids are unique ignoring case. */
    seatGuid: { type: 'string', required: true, readOnly: true },
    state: { type: ['free', 'held', 'sold', 'blocked'] as const, required: true },
    /** The order holding or owning the seat (held, sold). */
    orderId: { type: 'string' },
    category: { type: 'string', required: true },
    ticketTypeId: { type: 'string' },
    row: { type: 'string', required: true },
    /** The seat's place in its row (0, 1, …): neighbours differ by one. */
    rank: { type: 'number', required: true },
    number: { type: 'string', required: true },
    x: { type: 'number', required: true },
    y: { type: 'number', required: true },
    /** While blocked: the counter slices its block was taken from, so a release gives it back to the same ones. */
    blockedFrom: {
      type: 'list',
      items: { type: 'map', properties: { poolId: { type: 'string', required: true }, shard: { type: 'number', required: true } } },
    },
    /** The map version that last wrote the seat's description. */
    version: { type: 'number', required: true },
  },
  indexes: {
    bySection: { pk: { field: 'pk', composite: ['eventId', 'sectionId'] }, sk: { field: 'sk', composite: ['seatGuid'] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const seatEntity: Db['entities']['seat'];
