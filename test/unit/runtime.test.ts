import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs on Node 22 (the Lambda runtime), from the `node` devDependency, not the machine default', () => {
    expect(Number(process.versions.node.split('.')[0])).toBe(22);
  });
});
