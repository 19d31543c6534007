import { describe, expect, it } from 'vitest';
import { checkedCursor } from '#packages/core/pagination.ts';

describe('cursors', () => {
  it('passes a cursor made of key attributes through, and refuses anything else as invalid_cursor', () => {
    const good = Buffer.from(JSON.stringify({ pk: 'a', sk: 'b' })).toString('base64url');
    expect(checkedCursor(good)).toBe(good);
    expect(checkedCursor(undefined)).toBeNull();
    for (const bad of ['abc', Buffer.from('[1]').toString('base64url'), Buffer.from('{"pk":{"S":"x"}}').toString('base64url'), Buffer.from('{}').toString('base64url')]) {
      expect(() => checkedCursor(bad)).toThrowError(expect.objectContaining({ code: 'invalid_cursor' }));
    }
  });
});
