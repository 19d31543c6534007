import { execFileSync } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of .dependency-cruiser.cjs (docs/architecture.md), run by
 * dependency-cruiser itself over the code that ships: transport → features →
 * shared kit, never back, and features meet only through their index and contract.
 */
function cruise(): { status: number; output: string } {
  try {
    const output = execFileSync('npx', ['depcruise', '--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'packages', 'functions', 'infra', 'events'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, output };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

describe('dependency rules', () => {
  it('hold for the code as it is', () => {
    const { status, output } = cruise();
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  // One cruise over three probes (a cruise takes seconds): each rule must name its probe.
  it('catch a domain file importing the transport, the kit importing a feature, and a feature reaching into another', () => {
    const probes: Record<string, string> = {
      'packages/core/zz-probe-transport.ts': "import { problem } from '../http/problem.ts';\nexport const probe = problem;\n",
      'packages/core/zz-probe-kit.ts': "import { getVenue } from '../features/venues/venue-service.ts';\nexport const probe = getVenue;\n",
      'packages/features/venues/zz-probe-internals.ts': "import { toView } from '../contacts/contact-service.ts';\nimport { createPoolItems } from '../inventory/index.ts';\nexport const probe = [toView, createPoolItems];\n",
    };
    for (const [file, source] of Object.entries(probes)) writeFileSync(file, source);
    try {
      const { status, output } = cruise();
      expect(status).not.toBe(0);
      expect(output).toContain('domain-knows-no-transport: packages/core/zz-probe-transport.ts → packages/http/problem.ts');
      expect(output).toContain('kit-knows-no-feature: packages/core/zz-probe-kit.ts → packages/features/venues/venue-service.ts');
      expect(output).toContain('features-meet-through-their-index: packages/features/venues/zz-probe-internals.ts → packages/features/contacts/contact-service.ts');
      // Through the other feature's index is the allowed way in.
      expect(output).not.toContain('zz-probe-internals.ts → packages/features/inventory/index.ts');
    } finally {
      for (const file of Object.keys(probes)) rmSync(file);
    }
  });
});
