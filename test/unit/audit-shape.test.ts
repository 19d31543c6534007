import { describe, expect, it } from 'vitest';
import { actionOfHandler, resourceOfPath } from '#packages/core/audit/audit-context.ts';
import { redactChange } from '#packages/core/audit/audit-redaction.ts';
import { mainShape, shapeOf } from '#packages/core/audit/write-shape.ts';

describe('what the audit reads from a write', () => {
  it('a create: entity, id, new values; key and bookkeeping attributes left out', () => {
    const shape = shapeOf({
      Put: {
        Item: { venueId: '01JD0000000000000000000001', name: 'Apolo', capacity: 10, pk: 'x', sk: 'y', gsi1pk: 'z', __edb_e__: 'venue', __edb_v__: '1', createdAt: 't', updatedAt: 't' },
        ConditionExpression: 'attribute_not_exists(#pk) AND attribute_not_exists(#sk)',
      },
    })!;
    expect(shape).toMatchObject({ entity: 'venue', id: '01JD0000000000000000000001', creates: true, ownId: true });
    expect(shape.changes).toEqual([{ field: 'name', new: 'Apolo' }, { field: 'capacity', new: 10 }]);
  });

  it('an update: SET values, computed values as field only, REMOVE as null', () => {
    const shape = shapeOf({
      Update: {
        Key: { pk: '$eventos#contactid_01jd0000000000000000000002', sk: '$contact_1' },
        UpdateExpression: 'SET #a = :a_u0, #b = if_not_exists(#b, :z), #contactId = :contactId_u0, #__edb_e__ = :__edb_e___u0 REMOVE #c, #d',
        ExpressionAttributeNames: { '#a': 'state', '#b': 'score', '#c': 'phone', '#d': 'tags', '#contactId': 'contactId', '#__edb_e__': '__edb_e__' },
        ExpressionAttributeValues: { ':a_u0': 'trashed', ':z': 0, ':contactId_u0': '01JD0000000000000000000002', ':__edb_e___u0': 'contact' },
      },
    })!;
    expect(shape).toMatchObject({ entity: 'contact', id: '01JD0000000000000000000002', creates: false });
    expect(shape.changes).toEqual([{ field: 'state', new: 'trashed' }, { field: 'score' }, { field: 'phone', new: null }, { field: 'tags', new: null }]);
  });

  it('plumbing rows (outbox, idempotency, apply-once markers) are no change of their own', () => {
    expect(shapeOf({ Put: { Item: { __edb_e__: 'outboxEvent', eventId: 'e' } } })).toBeNull();
    expect(shapeOf({ Delete: { Key: { pk: '$eventos#eventid_x', sk: '$outboxevent_1' } } })).toBeNull();
  });

  it('a transaction is described by the item the path names, else the first with its own id', () => {
    const guard = shapeOf({ Put: { Item: { __edb_e__: 'contactEmail', email: 'a@b.c', contactId: 'C1', pk: '$eventos#email_a@b.c', sk: '$contactemail_1' } } });
    const contact = shapeOf({ Put: { Item: { __edb_e__: 'contact', contactId: 'C1', pk: 'p', sk: 's' }, ConditionExpression: 'attribute_not_exists(#pk)' } });
    expect(mainShape([guard, contact], undefined)?.entity).toBe('contact');
    expect(mainShape([guard, null], undefined)?.entity).toBe('contactEmail');
  });
});

describe('what the audit keeps of a value', () => {
  it('personal fields only as changed', () => {
    for (const field of ['email', 'firstName', 'lastName', 'phone', 'buyer', 'holderName', 'address', 'body', 'subject']) {
      expect(redactChange({ field, old: 'x', new: 'y' })).toEqual({ field, personal: true });
    }
  });

  it('free text and anything that looks like an email or a phone, never', () => {
    expect(redactChange({ field: 'status', new: 'Spoke with Zebulon' })).toEqual({ field: 'status' });
    expect(redactChange({ field: 'status', new: 'ana@example.com' })).toEqual({ field: 'status', personal: true });
    expect(redactChange({ field: 'code', new: '+34 600 111 222' })).toEqual({ field: 'code', personal: true });
    expect(redactChange({ field: 'meta', new: { nested: 'x' } })).toEqual({ field: 'meta' });
  });

  it('ids, times, enum-like words, numbers and booleans, as they are', () => {
    expect(redactChange({ field: 'capacity', old: 1500, new: 1600 })).toEqual({ field: 'capacity', old: 1500, new: 1600 });
    expect(redactChange({ field: 'status', old: 'draft', new: 'published' })).toEqual({ field: 'status', old: 'draft', new: 'published' });
    expect(redactChange({ field: 'venueId', new: '01JD0000000000000000000001' })).toEqual({ field: 'venueId', new: '01JD0000000000000000000001' });
    expect(redactChange({ field: 'currency', new: 'EUR' })).toEqual({ field: 'currency', new: 'EUR' });
    expect(redactChange({ field: 'vip', new: true })).toEqual({ field: 'vip', new: true });
  });
});

describe('names', () => {
  it('an action from the handler, a target resource from the path', () => {
    expect(actionOfHandler('venues/create')).toBe('venues.create');
    expect(actionOfHandler('activities/notes/update')).toBe('notes.update');
    expect(resourceOfPath('/v1/contacts/{id}/erase')).toBe('contact');
    expect(resourceOfPath('/v1/table-bookings/{id}/approve')).toBe('tableBooking');
    expect(resourceOfPath('/v1/companies/{id}')).toBe('company');
    expect(resourceOfPath('/v1/venues')).toBeUndefined();
  });
});
