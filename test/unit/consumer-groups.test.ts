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
    const campaigns = groups.find((g) => g.name === 'campaigns')!;
    expect(campaigns.readsSendQuota).toBe(true);
    expect(campaigns.secrets).toEqual(['marketingTokenKey']);
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
      handler: async () => {
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

  it('generates a group’s entry from its members’ own handler exports; a lone consumer deploys its own file', () => {
    const crm = consumerGroups(routing).find((g) => g.name === 'crm')!;
    const source = readFileSync(consumerEntryFile(crm), 'utf8');
    for (const member of crm.members) {
      expect(source).toMatch(new RegExp(`import \\{ handler as c\\d+ \\} from "[./]*functions/consumers/${member.handler}\\.ts";`));
      expect(source).toContain(`consumer: ${JSON.stringify(member.consumer)}, detailTypes: ${JSON.stringify(member.detailTypes)}`);
    }
    const catalog = consumerGroups(routing).find((g) => g.name === 'catalog')!;
    expect(catalog.members).toHaveLength(1);
    expect(consumerEntryFile(catalog).endsWith(`functions/consumers/${catalog.members[0]!.handler}.ts`)).toBe(true);
  });
});
