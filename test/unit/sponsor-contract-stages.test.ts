import { describe, expect, it } from 'vitest';
import { billsBooths, canMove, SET_BY_FACT, stageForStatus, STATUS_ORDER } from '#packages/features/sponsors/contract-stages.ts';
import type { PipelineItem } from '#packages/features/pipelines/index.ts';

const pipeline = (names: Array<[string, 'open' | 'won' | 'lost']>) =>
  ({ pipelineId: 'p', stages: names.map(([name, kind], i) => ({ stageId: `s${i}`, name, kind, probability: kind === 'won' ? 100 : kind === 'lost' ? 0 : 10 * (i + 1) })) }) as unknown as PipelineItem;

describe('sponsorship contract status', () => {
  it('moves only one step forward, never skipping one, and to lost only before signing', () => {
    for (const [i, from] of STATUS_ORDER.entries()) {
      for (const [j, to] of STATUS_ORDER.entries()) expect(canMove(from, to), `${from} → ${to}`).toBe(j === i + 1);
    }
    expect(canMove('lead', 'signed')).toBe(false);
    expect(canMove('signed', 'paid')).toBe(false);
    expect(canMove('signed', 'fulfilled')).toBe(false);
    expect(['lead', 'proposal'].map((s) => canMove(s as never, 'lost'))).toEqual([true, true]);
    expect(['signed', 'invoiced', 'paid', 'fulfilled'].map((s) => canMove(s as never, 'lost'))).toEqual([false, false, false, false]);
    expect(STATUS_ORDER.map((s) => canMove('lost', s))).toEqual(STATUS_ORDER.map(() => false));
  });

  it('leaves invoiced and paid to their facts, and bills booths only before the invoice', () => {
    expect(Object.keys(SET_BY_FACT).sort()).toEqual(['invoiced', 'paid']);
    expect(STATUS_ORDER.filter(billsBooths)).toEqual(['lead', 'proposal', 'signed']);
  });

  it('puts the opportunity in the stage for its status: first open, "Proposal" (else the last open), won, lost', () => {
    const standard = pipeline([['Prospecting', 'open'], ['Proposal', 'open'], ['Negotiation', 'open'], ['Won', 'won'], ['Lost', 'lost']]);
    expect(STATUS_ORDER.map((s) => stageForStatus(standard, s).name)).toEqual(['Prospecting', 'Proposal', 'Won', 'Won', 'Won', 'Won']);
    expect(stageForStatus(standard, 'lost').name).toBe('Lost');
    const custom = pipeline([['Intro', 'open'], ['Deal', 'open'], ['Closed', 'won'], ['Gone', 'lost']]);
    expect(['lead', 'proposal'].map((s) => stageForStatus(custom, s as never).name)).toEqual(['Intro', 'Deal']);
  });
});
