import type { FormObject, FormValue } from './form.ts';
import { invalidRequest } from './stripe-error.ts';

/** Stripe refuses parameters it does not know; so do we, which catches typos in our own calls. */
export function rejectUnknown(params: FormObject, allowed: readonly string[]): void {
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name)) throw invalidRequest(`Received unknown parameter: ${name}`, 'parameter_unknown', name);
  }
}

function scalar(params: FormObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || typeof value === 'string') return value;
  throw invalidRequest(`Invalid ${name}: expected a single value`, 'parameter_invalid_string', name);
}

export function optionalInteger(params: FormObject, name: string): number | undefined {
  const raw = scalar(params, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw invalidRequest(`Invalid integer: ${raw}`, 'parameter_invalid_integer', name);
  }
  return Number(raw);
}

export function requiredInteger(params: FormObject, name: string): number {
  const value = optionalInteger(params, name);
  if (value === undefined) throw invalidRequest(`Missing required param: ${name}.`, 'parameter_missing', name);
  return value;
}

export function optionalString(params: FormObject, name: string, maxLength = 5000): string | undefined {
  const value = scalar(params, name);
  if (value !== undefined && value.length > maxLength) {
    throw invalidRequest(`Invalid ${name}: must be at most ${maxLength} characters`, 'parameter_invalid_string_too_long', name);
  }
  return value === '' ? undefined : value;
}

export function optionalBoolean(value: FormValue | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidRequest(`Invalid boolean: ${String(value)}`, 'parameter_invalid_boolean', name);
}

/** Stripe's limits: 50 keys, keys ≤ 40 characters, values ≤ 500; an empty value unsets a key. */
export function metadataParam(params: FormObject, current: Record<string, string> = {}): Record<string, string> {
  const raw = params.metadata;
  if (raw === undefined || raw === '') return { ...current };
  if (typeof raw === 'string' || Array.isArray(raw)) throw invalidRequest('Invalid metadata: must be a hash', 'parameter_invalid_string', 'metadata');
  const metadata = { ...current };
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw invalidRequest(`Invalid metadata[${key}]: must be a string`, 'parameter_invalid_string', `metadata[${key}]`);
    if (key.length > 40) throw invalidRequest('Metadata keys can be at most 40 characters', 'parameter_invalid_string', `metadata[${key}]`);
    if (value.length > 500) throw invalidRequest('Metadata values can be at most 500 characters', 'parameter_invalid_string', `metadata[${key}]`);
    if (value === '') delete metadata[key];
    else metadata[key] = value;
  }
  if (Object.keys(metadata).length > 50) throw invalidRequest('Metadata can have at most 50 keys', 'parameter_invalid_string', 'metadata');
  return metadata;
}
