import { describe, expect, it } from 'vitest';
import { exhibitorChangesBetween } from '#packages/features/agenda/exhibitor-changes.ts';

const acme = { id: '01JD0000000000000000000001', name: 'Acme', description: 'Robots', links: [{ label: 'Web', url: 'https://acme.example' }] };
const globex = { id: '01JD0000000000000000000002', name: 'Globex', booth: { boothGuid: 'B-1', name: 'Booth 1', position: { x: 1, y: 2 }, size: { width: 3, height: 3 } } };

describe("the exhibitors' changes between two agenda releases", () => {
  it('names added, changed (profile or booth) and removed exhibitors', () => {
    const moved = { ...globex, booth: { ...globex.booth, boothGuid: 'B-2' } };
    const third = { id: '01JD0000000000000000000003', name: 'Initech' };
    expect(exhibitorChangesBetween([acme, globex], [{ ...acme, description: 'Robots and drones' }, moved, third])).toEqual([
      { exhibitorId: acme.id, name: 'Acme', change: 'changed' },
      { exhibitorId: globex.id, name: 'Globex', change: 'changed' },
      { exhibitorId: third.id, name: 'Initech', change: 'added' },
    ]);
    expect(exhibitorChangesBetween([acme, globex], [globex])).toEqual([{ exhibitorId: acme.id, name: 'Acme', change: 'removed' }]);
  });

  it('sees no change when only the stored key order differs', () => {
    const reordered = { links: [{ url: 'https://acme.example', label: 'Web' }], description: 'Robots', name: 'Acme', id: acme.id };
    const reorderedBooth = { booth: { size: { height: 3, width: 3 }, position: { y: 2, x: 1 }, name: 'Booth 1', boothGuid: 'B-1' }, name: 'Globex', id: globex.id };
    expect(exhibitorChangesBetween([acme, globex], [reordered, reorderedBooth])).toEqual([]);
  });
});
