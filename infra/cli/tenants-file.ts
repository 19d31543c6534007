import { readFileSync, writeFileSync } from 'node:fs';
import { parseTenants, TenantConfigError } from '../tenants.ts';
import { CliError } from './tenant-context.ts';

export interface NewTenant {
  name: string;
  mailFromDomain: string;
  alertEmail?: string;
  region?: string;
  account?: string;
  corsOrigins?: string[];
}

/**
 * Appends a tenant to tenants.json, validated by the same parser synth uses
 * (so a file the CLI wrote always synthesizes), and writes it back with
 * two-space indentation. The file is the operator's: nothing else in it changes
 * but the layout of JSON.stringify.
 */
export function addTenantToFile(file: string, entry: NewTenant): void {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { tenants?: Record<string, unknown>[] };
  const tenants = raw.tenants ?? [];
  if (tenants.some((t) => t.name === entry.name)) throw new CliError(`Tenant "${entry.name}" is already in ${file}.`);
  // Only the settings given: the rest keeps following "defaults".
  const compact = Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)));
  const next = { ...raw, tenants: [...tenants, compact] };
  try {
    parseTenants(next, file);
  } catch (error) {
    if (error instanceof TenantConfigError) throw new CliError(error.message);
    throw error;
  }
  writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
}
