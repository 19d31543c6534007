import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { eur, givenContact, givenOpportunity, givenPipeline, timelineOf, uniq } from '../support/pipeline-fixtures.ts';

const api = useTestApi();

const customStages = [
  { name: 'Lead in', probability: 10 },
  { name: 'Demo', probability: 50 },
  { name: 'Closed won', kind: 'won' },
  { name: 'Closed lost', kind: 'lost' },
];

describe('pipelines', () => {
  it('creates the default pipeline once on first use, even when asked concurrently', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => api.call('GET', '/v1/pipelines')));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const defaults = new Set(answers.map((r) => r.body.items.find((p: { isDefault: boolean }) => p.isDefault)?.id));
    expect(defaults.size).toBe(1);
    const list = (await api.call('GET', '/v1/pipelines')).body.items;
    expect(list).toHaveLength(1);
    expect(list[0].stages.map((s: { name: string; probability: number; kind: string }) => [s.name, s.probability, s.kind])).toEqual([
      ['Prospecting', 10, 'open'],
      ['Qualification', 25, 'open'],
      ['Proposal', 50, 'open'],
      ['Negotiation', 80, 'open'],
      ['Won', 100, 'won'],
      ['Lost', 0, 'lost'],
    ]);
  });

  it('validates stages: exactly one won and one lost, unique names, probabilities', async () => {
    const twoWon = await api.call('POST', '/v1/pipelines', {
      body: { name: 'Bad', stages: [{ name: 'A', probability: 10 }, { name: 'W', kind: 'won' }, { name: 'W2', kind: 'won' }] },
    });
    expect(twoWon).toMatchObject({ status: 422, body: { code: 'invalid_stages' } });
    expect(twoWon.body.errors.map((e: { message: string }) => e.message)).toEqual(expect.arrayContaining(['needs exactly one won stage', 'needs exactly one lost stage']));
    const dupe = await api.call('POST', '/v1/pipelines', { body: { name: 'Bad', stages: [...customStages, { name: 'demo', probability: 60 }] } });
    expect(dupe).toMatchObject({ status: 422, body: { code: 'invalid_stages' } });
    const outOfRange = await api.call('POST', '/v1/pipelines', { body: { name: 'Bad', stages: [{ name: 'A', probability: 101 }, ...customStages.slice(2)] } });
    expect(outOfRange.status).toBe(400);
    const ok = await givenPipeline(api.call, { name: 'Partnerships', stages: customStages });
    expect(ok).toMatchObject({ name: 'Partnerships', isDefault: false });
    expect(ok.stages.map((s: { probability: number }) => s.probability)).toEqual([10, 50, 100, 0]);
  });

  it('changes stages but never drops one or changes its kind', async () => {
    const p = await givenPipeline(api.call, { name: 'Editable', stages: customStages });
    const keep = p.stages.map((s: Record<string, unknown>) => ({ id: s.id, name: s.name, probability: s.probability, kind: s.kind }));
    const renamed = await api.call('PATCH', `/v1/pipelines/${p.id}`, {
      body: { name: 'Edited', stages: [{ ...keep[0], name: 'Inbound', probability: 15 }, { name: 'Trial', probability: 30 }, ...keep.slice(1)] },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.stages.map((s: { name: string }) => s.name)).toEqual(['Inbound', 'Trial', 'Demo', 'Closed won', 'Closed lost']);
    expect(renamed.body.stages[0].id).toBe(p.stages[0].id);
    const dropped = await api.call('PATCH', `/v1/pipelines/${p.id}`, { body: { stages: keep.slice(1) } });
    expect(dropped).toMatchObject({ status: 422, body: { code: 'invalid_stages' } });
    expect((await api.call('GET', `/v1/pipelines/${p.id}`)).body).toEqual(renamed.body);
  });
});

describe('opportunities', () => {
  it("starts in the default pipeline's first stage, assigned to its creator", async () => {
    const o = await api.call('POST', '/v1/opportunities', { body: { name: 'Festival sponsorship', amount: eur(500000), expectedCloseDate: '2027-01-15' }, role: 'sales', userId: 'u-ana' });
    expect(o.status).toBe(201);
    const main = (await api.call('GET', '/v1/pipelines')).body.items.find((p: { isDefault: boolean }) => p.isDefault);
    expect(o.body).toMatchObject({ pipelineId: main.id, stageId: main.stages[0].id, status: 'open', assignedTo: 'u-ana', createdBy: 'u-ana' });
    expect(o.body.closedAt).toBeUndefined();
    const mine = await api.call('GET', '/v1/opportunities?assignedTo=me', { role: 'sales', userId: 'u-ana' });
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(o.body.id);
  });

  it('records every stage change (history and contact timeline); status and closedAt follow the stage kind', async () => {
    const contact = await givenContact(api.call, { email: `deal.${uniq()}@example.com` });
    const p = await givenPipeline(api.call, { name: 'Deals', stages: customStages });
    const [lead, demo, won] = p.stages;
    const o = await givenOpportunity(api.call, { name: 'Big deal', contactId: contact.id, pipelineId: p.id, amount: eur(10000), expectedCloseDate: '2027-02-01' });
    expect(o.stageId).toBe(lead.id);

    const toDemo = await api.call('POST', `/v1/opportunities/${o.id}/stage`, { body: { stageId: demo.id }, userId: 'u-bo' });
    expect(toDemo.body).toMatchObject({ stageId: demo.id, status: 'open' });
    const toWon = await api.call('PATCH', `/v1/opportunities/${o.id}`, { body: { stageId: won.id } });
    expect(toWon.body).toMatchObject({ stageId: won.id, status: 'won', closedAt: expect.any(String) });
    const reopened = await api.call('POST', `/v1/opportunities/${o.id}/stage`, { body: { stageId: demo.id } });
    expect(reopened.body.status).toBe('open');
    expect(reopened.body.closedAt).toBeUndefined();
    // An unchanged stage is no change.
    await api.call('PATCH', `/v1/opportunities/${o.id}`, { body: { stageId: demo.id, name: 'Bigger deal' } });

    const history = await api.call('GET', `/v1/opportunities/${o.id}/history`);
    expect(history.body.items.map((h: { from: { name: string } | null; to: { name: string } }) => [h.from?.name ?? null, h.to.name])).toEqual([
      [null, 'Lead in'],
      ['Lead in', 'Demo'],
      ['Demo', 'Closed won'],
      ['Closed won', 'Demo'],
    ]);
    expect(history.body.items[1]).toMatchObject({ by: 'u-bo', opportunityId: o.id, pipelineId: p.id, at: expect.any(String) });

    const lines = (await timelineOf(api.call, contact.id)).filter((l) => l.kind === 'opportunity.stage_changed');
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.ref?.id === o.id)).toBe(true);
  });

  it('refuses unknown stages, pipelines and contacts; unassigns with null', async () => {
    const o = await givenOpportunity(api.call, { name: 'Edge', amount: eur(100), expectedCloseDate: '2027-02-01', assignedTo: 'u-zed' });
    expect(await api.call('POST', `/v1/opportunities/${o.id}/stage`, { body: { stageId: 'nope' } })).toMatchObject({ status: 422, body: { code: 'stage_not_found' } });
    expect(await api.call('POST', '/v1/opportunities', { body: { name: 'x', amount: eur(1), expectedCloseDate: '2027-01-01', pipelineId: '01JD0000000000000000000000' } })).toMatchObject({
      status: 422,
      body: { code: 'pipeline_not_found' },
    });
    expect(await api.call('POST', '/v1/opportunities', { body: { name: 'x', amount: eur(1), expectedCloseDate: '2027-01-01', contactId: '01JD0000000000000000000000' } })).toMatchObject({
      status: 422,
      body: { code: 'contact_not_found' },
    });
    expect((await api.call('POST', '/v1/opportunities', { body: { name: 'x', amount: eur(1), expectedCloseDate: '2027-13-01' } })).status).toBe(400);
    const unassigned = await api.call('PATCH', `/v1/opportunities/${o.id}`, { body: { assignedTo: null } });
    expect(unassigned.body.assignedTo).toBeUndefined();
    expect((await api.call('GET', '/v1/opportunities?assignedTo=u-zed')).body.items).toEqual([]);
    expect((await api.call('GET', '/v1/opportunities/01JD0000000000000000000000/history')).status).toBe(404);
  });

  it('needs opportunities:read / opportunities:write', async () => {
    expect((await api.call('GET', '/v1/opportunities', { role: 'marketing' })).status).toBe(403);
    expect((await api.call('GET', '/v1/pipeline/forecast', { role: 'box_office' })).status).toBe(403);
    expect((await api.call('POST', '/v1/pipelines', { role: 'marketing', body: { name: 'x', stages: customStages } })).status).toBe(403);
  });
});
