import { Service } from 'electrodb';
import { documentClient, tableName } from './client.ts';
import { contactEmailEntity } from './entities/contact-email.ts';
import { contactEntity } from './entities/contact.ts';
import { eventEntity } from './entities/event.ts';
import { idempotencyRecordEntity } from './entities/idempotency-record.ts';
import { inventoryShardEntity } from './entities/inventory-shard.ts';
import { orderEntity } from './entities/order.ts';
import { orderHoldEntity } from './entities/order-hold.ts';
import { ticketEntity } from './entities/ticket.ts';
import { refundEntity } from './entities/refund.ts';
import { voucherEntity } from './entities/voucher.ts';
import { bundleEntity } from './entities/bundle.ts';
import { checkInListEntity } from './entities/check-in-list.ts';
import { ticketPresenceEntity } from './entities/ticket-presence.ts';
import { checkInEntity } from './entities/check-in.ts';
import { statsShardEntity } from './entities/stats-shard.ts';
import { outboxEventEntity } from './entities/outbox-event.ts';
import { processedEventEntity } from './entities/processed-event.ts';
import { eventAttendeeEntity } from './entities/event-attendee.ts';
import { timelineEntryEntity } from './entities/timeline-entry.ts';
import { ticketTypeEntity } from './entities/ticket-type.ts';
import { venueEntity } from './entities/venue.ts';

const entities = {
  venue: venueEntity,
  event: eventEntity,
  ticketType: ticketTypeEntity,
  contact: contactEntity,
  contactEmail: contactEmailEntity,
  processedEvent: processedEventEntity,
  outboxEvent: outboxEventEntity,
  statsShard: statsShardEntity,
  checkIn: checkInEntity,
  ticketPresence: ticketPresenceEntity,
  checkInList: checkInListEntity,
  bundle: bundleEntity,
  voucher: voucherEntity,
  idempotencyRecord: idempotencyRecordEntity,
  refund: refundEntity,
  ticket: ticketEntity,
  orderHold: orderHoldEntity,
  order: orderEntity,
  inventoryShard: inventoryShardEntity,
  timelineEntry: timelineEntryEntity,
  eventAttendee: eventAttendeeEntity,
};

function build(table: string) {
  return new Service(entities, { client: documentClient, table });
}

export type Db = ReturnType<typeof build>;

const byTable = new Map<string, Db>();

/** The ElectroDB service bound to this process's table (TABLE_NAME). */
export function db(): Db {
  const table = tableName();
  let service = byTable.get(table);
  if (!service) {
    service = build(table);
    byTable.set(table, service);
  }
  return service;
}
