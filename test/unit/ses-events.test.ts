import { describe, expect, it } from 'vitest';
import { routing, sourceOf } from '#events/routing.ts';
import { detailTypeOfSesEvent, sesCatalog, sesDetailTypes, sesEventRecord } from '#events/ses.ts';

describe('SES events on the tenant bus', () => {
  it.each(sesDetailTypes)('%s: the example parses, with source aws.ses and the matching eventType', (detailType) => {
    const entry = sesCatalog[detailType];
    expect(entry.source).toBe('aws.ses');
    const parsed = sesEventRecord().parse(entry.example);
    expect(detailTypeOfSesEvent[parsed.eventType]).toBe(detailType);
  });

  it('routes the campaign-track consumer on source aws.ses only', () => {
    const track = routing.find((r) => r.consumer === 'campaign-track')!;
    expect(new Set(track.detailTypes.map(sourceOf))).toEqual(new Set(['aws.ses']));
    expect(sourceOf('order.paid')).toBe('eventos.ticketing');
  });

  it('keeps fields it does not read (SES adds many) and refuses a record without a message id', () => {
    const extra = { ...sesCatalog['Email Opened'].example, open: { timestamp: '2026-11-25T11:00:00.000Z', ipAddress: '1.2.3.4', userAgent: 'x' } };
    expect(sesEventRecord().safeParse(extra).success).toBe(true);
    expect(sesEventRecord().safeParse({ eventType: 'Open', mail: {}, open: { timestamp: 't' } }).success).toBe(false);
  });
});
