import { describe, expect, it } from 'vitest';
import { assertConvertible, assertTransition, canMove } from '#packages/features/leads/lead-status.ts';
import { companyDomainFor } from '#packages/features/leads/free-mail.ts';
import { checkedStages, DEFAULT_STAGES } from '#packages/features/pipelines/stages.ts';

describe('pipeline stages', () => {
  it('completes the default stages: won 100, lost 0, ids assigned', () => {
    const stages = checkedStages(DEFAULT_STAGES);
    expect(stages.map((s) => [s.name, s.probability, s.kind])).toEqual([
      ['Prospecting', 10, 'open'],
      ['Qualification', 25, 'open'],
      ['Proposal', 50, 'open'],
      ['Negotiation', 80, 'open'],
      ['Won', 100, 'won'],
      ['Lost', 0, 'lost'],
    ]);
    expect(new Set(stages.map((s) => s.stageId)).size).toBe(6);
  });

  it('refuses two won stages, no lost stage, duplicate names and open stages without probability', () => {
    const bad = (stages: Parameters<typeof checkedStages>[0]) => {
      try {
        checkedStages(stages);
        return [];
      } catch (error) {
        return ((error as { details: { errors: { message: string }[] } }).details.errors ?? []).map((e) => e.message);
      }
    };
    expect(bad([{ name: 'A', probability: 10 }, { name: 'W', kind: 'won' }, { name: 'W2', kind: 'won' }])).toEqual(
      expect.arrayContaining(['needs exactly one won stage', 'needs exactly one lost stage']),
    );
    expect(bad([{ name: 'A', probability: 10 }, { name: 'a ', probability: 20 }, { name: 'W', kind: 'won' }, { name: 'L', kind: 'lost' }])).toEqual([
      'the name "a" is used twice',
    ]);
    expect(bad([{ name: 'A' }, { name: 'W', kind: 'won' }, { name: 'L', kind: 'lost' }])).toEqual(['an open stage needs a probability (0-100)']);
    expect(bad([{ name: 'A', probability: 5 }, { name: 'W', kind: 'won', probability: 90 }, { name: 'L', kind: 'lost' }])).toEqual(['a won stage counts at 100 %']);
  });

  it('keeps existing stages on update: none removed, no kind changed', () => {
    const before = checkedStages(DEFAULT_STAGES);
    const keep = before.map((s) => ({ id: s.stageId, name: s.name, probability: s.probability, kind: s.kind }));
    expect(() => checkedStages(keep.slice(1), before)).toThrow();
    expect(() => checkedStages(keep.map((s, i) => (i === 0 ? { ...s, kind: 'lost' as const } : s)), before)).toThrow();
    const renamed = checkedStages([{ ...keep[0]!, name: 'Discovery', probability: 15 }, ...keep.slice(1), { name: 'Contract', probability: 90 }], before);
    expect(renamed[0]).toMatchObject({ stageId: before[0]!.stageId, name: 'Discovery', probability: 15 });
    expect(renamed).toHaveLength(7);
  });
});

describe('lead status moves', () => {
  it('moves forward only; disqualified from any open status; converted only by convert', () => {
    expect(canMove('new', 'contacted')).toBe(true);
    expect(canMove('new', 'qualified')).toBe(true);
    expect(canMove('qualified', 'contacted')).toBe(false);
    expect(canMove('contacted', 'disqualified')).toBe(true);
    expect(canMove('disqualified', 'new')).toBe(false);
    expect(() => assertTransition('qualified', 'converted')).toThrow(/convert/);
    expect(() => assertTransition('qualified', 'new')).toThrow(/cannot move/);
    expect(() => assertConvertible('converted')).toThrow(expect.objectContaining({ code: 'already_converted', kind: 'conflict' }));
    expect(() => assertConvertible('disqualified')).toThrow(expect.objectContaining({ code: 'invalid_transition', kind: 'unprocessable' }));
    expect(() => assertConvertible('new')).not.toThrow();
  });

  it("takes the company domain from the email unless it is free mail", () => {
    expect(companyDomainFor('ana@Acme.com', undefined)).toBe('acme.com');
    expect(companyDomainFor('ana@gmail.com', undefined)).toBeUndefined();
    expect(companyDomainFor('ana@gmail.com', 'https://www.Acme.com/about')).toBe('acme.com');
  });
});
