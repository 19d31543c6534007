/**
 * What DynamoDB would bill for a segment build, from the sizes of the items
 * it touches. DynamoDB Local does not report transactional writes (or
 * ConditionChecks) the way DynamoDB bills them, so the build's WCU comes out
 * of the item sizes instead: per member added, one transactional Put of the
 * member item and one ConditionCheck of the contact (both billed like
 * transactional writes of their size: 2 × KB), plus the segment's count
 * update shared by the up to 33 flips of a transaction. Per contact
 * evaluated, its share of the eventually consistent Query on the contact
 * index (0.5 RCU per 4 KB read).
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemSize, writeUnits } from '../orders/item-size.ts';

const FLIPS_PER_TRANSACTION = 33;

export interface BuildBilling {
  contactBytes: number;
  memberBytes: number;
  segmentBytes: number;
  wcuPerMemberAdded: number;
  rcuPerContactEvaluated: number;
}

const sizeOf = (item: Record<string, unknown>) => itemSize(marshall(item, { removeUndefinedValues: true }));

export function buildBilling(contacts: readonly Record<string, unknown>[], member: Record<string, unknown>, segment: Record<string, unknown>): BuildBilling {
  const contactBytes = contacts.reduce((s, c) => s + sizeOf(c), 0) / Math.max(1, contacts.length);
  const memberBytes = sizeOf(member);
  const segmentBytes = sizeOf(segment);
  const wcu = 2 * writeUnits(memberBytes) + 2 * writeUnits(contactBytes) + (2 * writeUnits(segmentBytes)) / FLIPS_PER_TRANSACTION;
  return {
    contactBytes: Math.round(contactBytes),
    memberBytes,
    segmentBytes,
    wcuPerMemberAdded: Math.round(wcu * 100) / 100,
    rcuPerContactEvaluated: Math.round((0.5 * contactBytes / 4096) * 1000) / 1000,
  };
}
