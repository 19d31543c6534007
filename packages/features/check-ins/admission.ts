import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { documentClient } from '#packages/core/db/client.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { encodeCrockford } from '#packages/tickets/crockford-base32.ts';

/**
 * A ticket's presence on a check-in list lives on the ticket item itself, in
 * attributes named after the list (presenceAttributes), so that a scan is ONE
 * conditional UpdateItem: its condition checks the ticket (current code, event, not void,
 * ticket type on the list) and the list rules (not inside, no earlier entry,
 * nonce unseen) in the same atomic step that admits it, and the item comes
 * back with the write (ALL_NEW on success, ALL_OLD on a refusal), so neither
 * an admission nor a refusal needs a read.
 *
 * The names are per list (one ticket can be on several lists), which
 * ElectroDB's fixed schema cannot express; this is the one write that goes
 * through the DocumentClient directly. The key is still the ticket entity's
 * (`byId`), and ElectroDB ignores these attributes when it reads a ticket.
 * docs/access-patterns.md, row 29.
 */
export const presenceAttributes = (eventId: string, listId: string) => {
  // Past 1 KB a write costs 2 WCU on the table and 2 more on gsi1, so the
  // default list, which every ticket is on, gets a one-letter tag, not its id.
  const tag = listId === eventId ? 'd' : listId;
  return {
    inside: `in#${tag}`,
    entries: `n#${tag}`,
    /** `{ at, deviceId }` of the first admission, set once. */
    first: `first#${tag}`,
  };
};

/** Digests (nonceDigest) of every scan with a nonce that changed this ticket's presence: a re-uploaded batch never admits twice. */
const SEEN_NONCES = 'seenNonces';
/**
 * `{ nonce, scannedAt, receivedAt }` of the ticket's last scan with a nonce, on
 * any list (the digest names the list): a scanner's retry comes right after
 * its scan, so one per ticket is enough to give it the first answer's times.
 */
const LAST_NONCE = 'lastNonce';

/** 80 bits of SHA-256 of (list, device, nonce): unique among one ticket's scans, and 16 bytes instead of ~80 on the item. */
export function nonceDigest(listId: string, nonceKey: string): string {
  return encodeCrockford(createHash('sha256').update(`${listId}|${nonceKey}`).digest().subarray(0, 10));
}

export interface Presence {
  inside: boolean;
  first?: { at: string; deviceId: string };
  /** Whether a scan with this `deviceId|nonce` already changed the presence. */
  seen: (nonceKey: string) => boolean;
  /** Times of the scan with this `deviceId|nonce`, when it was the last one with a nonce. */
  lastNonceTimes: (nonceKey: string) => { scannedAt: string; receivedAt: string } | undefined;
}

/** The ticket item as stored (the entity's attributes plus the presence ones). */
export type TicketItem = Record<string, unknown> & {
  ticketId: string;
  orderId: string;
  eventId: string;
  ticketTypeId: string;
  code: string;
  status: 'valid' | 'void';
  holderName?: string;
  holderEmail?: string;
};

export function presenceOn(item: TicketItem, eventId: string, listId: string): Presence {
  const names = presenceAttributes(eventId, listId);
  const seen = item[SEEN_NONCES] as Set<string> | string[] | undefined;
  const last = item[LAST_NONCE] as { nonce: string; scannedAt: string; receivedAt: string } | undefined;
  return {
    inside: item[names.inside] === true,
    ...(item[names.first] ? { first: item[names.first] as Presence['first'] } : {}),
    seen: (nonceKey) => (seen ? [...seen].includes(nonceDigest(listId, nonceKey)) : false),
    lastNonceTimes: (nonceKey) =>
      last && last.nonce === nonceDigest(listId, nonceKey) ? { scannedAt: last.scannedAt, receivedAt: last.receivedAt } : undefined,
  };
}

export interface AdmissionRequest {
  ticketId: string;
  code: string;
  eventId: string;
  listId: string;
  type: 'entry' | 'exit';
  /** Empty: every ticket type. At most 100 (the API's cap), which is also DynamoDB's for IN. */
  ticketTypeIds: readonly string[];
  allowMultipleEntries: boolean;
  allowEntryAfterExit: boolean;
  deviceId: string;
  scannedAt: string;
  receivedAt: string;
  /** `deviceId|nonce`, when the scan carries a nonce. */
  nonceKey?: string | undefined;
}

export type AdmissionResult = { admitted: true; item: TicketItem } | { admitted: false; item: TicketItem | null };

/** The conditional write; on a refusal the item as it was (null: no such ticket). */
export async function admit(req: AdmissionRequest): Promise<AdmissionResult> {
  const { Key, TableName } = db().entities.ticket.get({ ticketId: req.ticketId }).params<{ Key: Record<string, string>; TableName: string }>();
  const names = presenceAttributes(req.eventId, req.listId);
  const n: Record<string, string> = {
    '#pk': 'pk',
    '#code': 'code',
    '#eventId': 'eventId',
    '#status': 'status',
    '#holderEmail': 'holderEmail',
    '#inside': names.inside,
  };
  const v: Record<string, unknown> = { ':code': req.code, ':eventId': req.eventId, ':valid': 'valid', ':inside': req.type === 'entry' };
  const set = ['#inside = :inside'];
  const add: string[] = [];
  const conditions = ['attribute_exists(#pk)', '#code = :code', '#eventId = :eventId', '#status = :valid', 'attribute_exists(#holderEmail)'];

  if (req.ticketTypeIds.length) {
    n['#ticketTypeId'] = 'ticketTypeId';
    conditions.push(`#ticketTypeId IN (${req.ticketTypeIds.map((id, i) => ((v[`:tt${i}`] = id), `:tt${i}`)).join(', ')})`);
  }
  if (req.type === 'entry') {
    n['#entries'] = names.entries;
    n['#first'] = names.first;
    v[':one'] = 1;
    v[':first'] = { at: req.scannedAt, deviceId: req.deviceId };
    set.push('#first = if_not_exists(#first, :first)');
    add.push('#entries :one');
    if (!req.allowMultipleEntries) {
      v[':false'] = false;
      conditions.push('(attribute_not_exists(#inside) OR #inside = :false)');
      if (!req.allowEntryAfterExit) {
        v[':zero'] = 0;
        conditions.push('(attribute_not_exists(#entries) OR #entries = :zero)');
      }
    }
  } else {
    v[':true'] = true;
    conditions.push('#inside = :true');
  }
  if (req.nonceKey) {
    const digest = nonceDigest(req.listId, req.nonceKey);
    n['#seen'] = SEEN_NONCES;
    n['#lastNonce'] = LAST_NONCE;
    v[':nonce'] = digest;
    v[':nonceSet'] = new Set([digest]);
    v[':lastNonce'] = { nonce: digest, scannedAt: req.scannedAt, receivedAt: req.receivedAt };
    set.push('#lastNonce = :lastNonce');
    add.push('#seen :nonceSet');
    conditions.push('NOT contains(#seen, :nonce)');
  }

  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName,
        Key,
        UpdateExpression: `SET ${set.join(', ')}${add.length ? ` ADD ${add.join(', ')}` : ''}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: n,
        ExpressionAttributeValues: v,
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { admitted: true, item: Attributes as TicketItem };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // The DocumentClient does not translate the item attached to the error.
    const old = (error as { Item?: Parameters<typeof unmarshall>[0] }).Item;
    return { admitted: false, item: old ? (unmarshall(old) as TicketItem) : null };
  }
}
