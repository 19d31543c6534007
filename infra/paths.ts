import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root (the folder holding package.json and package-lock.json). */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Where Lambda entry points live: functions/http, functions/consumers, functions/jobs. */
export const functionsRoot = path.join(repoRoot, 'functions');

export const tenantsFile = path.join(repoRoot, 'infra', 'tenants.json');

export const cdkJsonFile = path.join(repoRoot, 'cdk.json');
