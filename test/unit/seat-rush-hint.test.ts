import { describe, expect, it } from 'vitest';
import { inRush, markRush, startPicking } from '#packages/features/seating/rush-hint.ts';

describe('seat rush hint', () => {
  it('a lost race puts its event and category in a rush for seconds, not the others', () => {
    const t = Date.parse('2026-12-02T10:00:00Z');
    expect(inRush('ev-1', 'Stalls', t)).toBe(false);
    markRush('ev-1', 'Stalls', t);
    expect(inRush('ev-1', 'Stalls', t + 1_000)).toBe(true);
    expect(inRush('ev-1', 'Balcony', t + 1_000)).toBe(false);
    expect(inRush('ev-2', 'Stalls', t + 1_000)).toBe(false);
    expect(inRush('ev-1', 'Stalls', t + 10_001)).toBe(false);
  });

  it('two buyers of a category picking at once are a rush while they overlap; one alone, or one after another, is not', () => {
    const first = startPicking('ev-3', 'Stalls');
    expect(inRush('ev-3', 'Stalls')).toBe(false);
    const second = startPicking('ev-3', 'Stalls');
    const elsewhere = startPicking('ev-3', 'Balcony');
    expect(inRush('ev-3', 'Stalls')).toBe(true);
    expect(inRush('ev-3', 'Balcony')).toBe(false);
    first();
    expect(inRush('ev-3', 'Stalls')).toBe(false);
    second();
    elsewhere();
    const later = startPicking('ev-3', 'Stalls');
    expect(inRush('ev-3', 'Stalls')).toBe(false);
    later();
  });
});
