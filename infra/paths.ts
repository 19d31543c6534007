import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root (the folder holding package.json and package-lock.json). */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Where consumer and job entry points live (functions/consumers, functions/jobs); its parent is the source root
 * under which HTTP handlers sit at packages/features/<feature>/http/ (infra/http-entries.ts).
 */
export const functionsRoot = path.join(repoRoot, 'functions');

export const tenantsFile = path.join(repoRoot, 'infra', 'tenants.json');

export const cdkJsonFile = path.join(repoRoot, 'cdk.json');
