import { execFileSync } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of .dependency-cruiser.cjs (docs/architecture.md), run by
 * dependency-cruiser itself over the code that ships: transport → domain →
 * shared kit, never back.
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

  it('catch a domain file that imports the transport', () => {
    const probe = 'packages/core/zz-dependency-rule-probe.ts';
    writeFileSync(probe, "import { problem } from '../http/problem.ts';\nexport const probe = problem;\n");
    try {
      const { status, output } = cruise();
      expect(status).not.toBe(0);
      expect(output).toContain('domain-knows-no-transport: packages/core/zz-dependency-rule-probe.ts → packages/http/problem.ts');
    } finally {
      rmSync(probe);
    }
  });
});
