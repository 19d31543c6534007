import { invalidRequest } from './stripe-error.ts';

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const KEY = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;
const MAX_DEPTH = 5;

/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with bracket
 * nesting (`metadata[orderId]=…`, `expand[0]=…`, `expand[]=…`). Objects have
 * no prototype, so a `__proto__[x]` key is just data.
 */
export function parseStripeForm(text: string): FormObject {
  const root: FormObject = Object.create(null);
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const match = KEY.exec(rawKey);
    if (!match) throw invalidRequest(`Invalid parameter name: ${rawKey}`, 'parameter_unknown', rawKey);
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    if (path.length > MAX_DEPTH) throw invalidRequest(`Parameter nested too deeply: ${rawKey}`, 'parameter_unknown', rawKey);
    let node = root;
    for (let i = 0; i < path.length; i++) {
      // `[]` appends: number it after what is already there.
      const segment = path[i] === '' ? String(Object.keys(node).length) : path[i]!;
      const existing = node[segment];
      if (i === path.length - 1) {
        if (existing !== undefined) throw invalidRequest(`Parameter given twice: ${rawKey}`, 'parameter_invalid_string', rawKey);
        node[segment] = value;
      } else {
        if (existing === undefined) node[segment] = Object.create(null) as FormObject;
        else if (typeof existing === 'string') throw invalidRequest(`Parameter is both a value and a hash: ${rawKey}`, 'parameter_invalid_string', rawKey);
        node = node[segment] as FormObject;
      }
    }
  }
  return arraysFromIndexedObjects(root) as FormObject;
}

// `a[0]=x&a[1]=y` arrives as { a: { 0: x, 1: y } }; Stripe means a list.
function arraysFromIndexedObjects(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  for (const key of keys) value[key] = arraysFromIndexedObjects(value[key]!);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => value[k]!);
  }
  return value;
}

/** Stable JSON (sorted keys), for comparing two requests' parameters. */
export function canonicalJson(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`)
    .join(',')}}`;
}
