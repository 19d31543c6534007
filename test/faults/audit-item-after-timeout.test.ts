import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentAuditScope, runInAuditScope } from '#packages/core/audit/audit-context.ts';
import { installAuditInterceptor, writeStandaloneAudit } from '#packages/core/audit/audit-interceptor.ts';
import { documentClient } from '#packages/core/db/client.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';

/**
 * The audit item rides in the transaction of a request's first write
 * (packages/core/audit). When that transaction commits but the client's call
 * times out, the request does not know it landed: it writes again, or finds
 * its change in place and ends with the standalone audit item. Either way
 * the request must leave ONE audit item, not two (seen in the sessions bench).
 *
 * The client here commits every transaction, then answers the chosen one with
 * the SDK's TimeoutError, as a slow DynamoDB does. It is installed before the
 * table's service is built, so the interceptor wraps it (the first install wins).
 */
let timeOutNextTransaction = false;
const committingThenTimingOut = {
  async send(command: any, options?: any): Promise<any> {
    const answer = await documentClient.send(command, options);
    if (timeOutNextTransaction && command instanceof TransactWriteCommand) {
      timeOutNextTransaction = false;
      throw Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
    }
    return answer;
  },
};

const scope = () => ({ actor: { type: 'user' as const, id: `u-${newId()}` }, requestId: `req-${newId()}`, action: 'venues.create' });
const venue = (venueId: string) => ({ venueId, name: 'Apolo', timezone: 'Europe/Madrid', capacity: 10 });

async function auditItemsOf(venueId: string) {
  const { data } = await db().entities.auditEvent.query.byTarget({ target: `venue:${venueId}` }).go({ pages: 'all' });
  return data;
}

describe('an audited write that commits but times out on the client', () => {
  beforeAll(() => {
    installAuditInterceptor(committingThenTimingOut as never, (fields) => db().entities.auditEvent.create(fields).params());
  });

  it('written again by the request: the retry is refused its audit item (the same id), the write itself goes through, one item', async () => {
    const venueId = newId();
    const put = () => committingThenTimingOut.send(new PutCommand(db().entities.venue.put(venue(venueId)).params() as never));
    await runInAuditScope(scope(), async () => {
      timeOutNextTransaction = true;
      await expect(put()).rejects.toMatchObject({ name: 'TimeoutError' });
      await put();
      await writeStandaloneAudit(currentAuditScope()!);
    });
    const items = await auditItemsOf(venueId);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: 'venues.create', target: `venue:${venueId}` });
    expect((await db().entities.venue.get({ venueId }).go()).data?.name).toBe('Apolo');
  });

  it('found in place by the request: the standalone audit item at its end is refused, one item', async () => {
    const venueId = newId();
    await runInAuditScope(scope(), async () => {
      timeOutNextTransaction = true;
      await expect(committingThenTimingOut.send(new PutCommand(db().entities.venue.create(venue(venueId)).params() as never))).rejects.toMatchObject({ name: 'TimeoutError' });
      expect((await db().entities.venue.get({ venueId }).go({ consistent: true })).data).toBeTruthy();
      await writeStandaloneAudit(currentAuditScope()!);
      expect(currentAuditScope()!.written).toBe(true);
    });
    expect(await auditItemsOf(venueId)).toHaveLength(1);
  });

  it('two requests, each its own item: the id is per request, not per target', async () => {
    const venueId = newId();
    for (let i = 0; i < 2; i++) {
      await runInAuditScope(scope(), () => committingThenTimingOut.send(new PutCommand(db().entities.venue.put(venue(venueId)).params() as never)));
    }
    expect(await auditItemsOf(venueId)).toHaveLength(2);
  });
});
