import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '#infra/paths.ts';

/** A fresh folder under cdk.out (inside the repo, so a bundle written there resolves the project's node_modules). */
export function scratchDir(prefix: string): string {
  mkdirSync(path.join(repoRoot, 'cdk.out'), { recursive: true });
  return mkdtempSync(path.join(repoRoot, 'cdk.out', `${prefix}-`));
}
