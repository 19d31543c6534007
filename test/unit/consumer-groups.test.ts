import { readFileSync } from 'node:fs';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { routing, type ConsumerRoute } from '#events/routing.ts';
import { consumerEntryFile } from '#infra/consumer-entries.ts';
import { consumerGroups } from '#infra/consumer-layout.ts';
import { consumerGroupDispatcher } from '#packages/core/bus/consumer-group.ts';

const event = (detailType: string) => ({ 'detail-type': detailType, detail: {} }) as EventBridgeEvent<string, unknown>;
const context = {} as Context;

describe('consumer groups: one function per feature’s consumers', () => {
  it('puts every consumer in exactly one group, with the union of their detail-types and grants and the most retries', () => {
    const groups = consumerGroups(routing);
    expect(groups.flatMap((g) => g.members.map((m) => m.consumer)).sort()).toEqual(routing.map((r) => r.consumer).sort());
    expect(groups.length).toBeLessThan(routing.length);
    for (const group of groups) {
      expect(new Set(group.detailTypes)).toEqual(new Set(group.members.flatMap((m) => m.detailTypes)));
      expect(group.retryAttempts).toBe(Math.max(...group.members.map((m) => m.retryAttempts)));
      expect(group.secrets).toEqual([...new Set(group.members.flatMap((m) => m.secrets ?? []))].sort());
    }
    const campaigns = groups.find((g) => g.name === 'marketing')!;
    expect(campaigns.readsSendQuota).toBe(true);
    expect(campaigns.secrets).toEqual(['marketingTokenKey']);
    // The export job streams for minutes: its group (crm) gets its longer timeout, the others keep the default.
    expect(groups.find((g) => g.name === 'crm')!.timeoutSeconds).toBe(600);
    expect(campaigns.timeoutSeconds).toBeUndefined();
  });

  it('gives a consumer without a group a function of its own', () => {
    const lone: ConsumerRoute = { consumer: 'lone', handler: 'lone', detailTypes: ['event.published'], retryAttempts: 3 };
    const [group] = consumerGroups([lone]);
    expect(group).toMatchObject({ name: 'lone', retryAttempts: 3, secrets: [], readsSendQuota: false, files: undefined });
  });

  it('dispatches an event to each member that takes its detail-type, runs the others when one throws, then throws naming it', async () => {
    const calls: string[] = [];
    const member = (consumer: string, detailTypes: string[], fail = false) => ({
      consumer,
      detailTypes,
      load: async () => async () => {
        calls.push(consumer);
        if (fail) throw new Error('table unavailable');
      },
    });
    const dispatch = consumerGroupDispatcher('crm', [member('a', ['order.paid']), member('b', ['order.paid', 'order.refunded'], true), member('c', ['order.paid']), member('d', ['contact.created'])]);
    await expect(dispatch(event('order.paid'), context)).rejects.toThrow('consumer group crm: 1 of 3 consumers of order.paid failed (b: table unavailable)');
    expect(calls).toEqual(['a', 'b', 'c']);
    calls.length = 0;
    await dispatch(event('contact.created'), context);
    expect(calls).toEqual(['d']);
    calls.length = 0;
    await dispatch(event('segment.deleted'), context);
    expect(calls).toEqual([]);
  });

  it('loads a member on the first event it takes, once, and tries a failed load again on the next delivery', async () => {
    const loads: string[] = [];
    let failNext = true;
    const dispatch = consumerGroupDispatcher('crm', [
      { consumer: 'a', detailTypes: ['order.paid'], load: async () => (loads.push('a'), async () => undefined) },
      {
        consumer: 'b',
        detailTypes: ['contact.created'],
        load: async () => {
          loads.push('b');
          if (failNext) {
            failNext = false;
            throw new Error('chunk unreadable');
          }
          return async () => undefined;
        },
      },
    ]);
    await dispatch(event('order.paid'), context);
    await dispatch(event('order.paid'), context);
    expect(loads).toEqual(['a']);
    await expect(dispatch(event('contact.created'), context)).rejects.toThrow('b: chunk unreadable');
    await dispatch(event('contact.created'), context);
    await dispatch(event('contact.created'), context);
    expect(loads).toEqual(['a', 'b', 'b']);
  });

  it('generates a group’s entry from its members’ own handler exports; a lone consumer deploys its own file', () => {
    const crm = consumerGroups(routing).find((g) => g.name === 'crm')!;
    const source = readFileSync(consumerEntryFile(crm), 'utf8');
    for (const member of crm.members) {
      expect(source).toContain(`load: () => import(`);
      expect(source).toMatch(new RegExp(`import\\("[./]*functions/consumers/${member.handler}\\.ts"\\)\\.then\\(\\(m\\) => m\\.handler\\)`));
      expect(source).toContain(`consumer: ${JSON.stringify(member.consumer)}, detailTypes: ${JSON.stringify(member.detailTypes)}`);
    }
    const [lone] = consumerGroups([{ ...routing[0]!, group: undefined }]);
    expect(lone!.members).toHaveLength(1);
    expect(consumerEntryFile(lone!).endsWith(`functions/consumers/${routing[0]!.handler}.ts`)).toBe(true);
  });
});
