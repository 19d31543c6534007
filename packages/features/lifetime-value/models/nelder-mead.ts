import * as built from 'fmin/build/fmin.js';

type Fmin = typeof built;

/**
 * fmin 0.0.4 publishes `"type": "module"` with a UMD build and an index of
 * extensionless imports that Node cannot resolve. Loaded as an ES module the
 * UMD attaches itself to `globalThis.fmin`; a bundler (esbuild) treats it as
 * CommonJS and hands us its exports. Either way, this is its Nelder-Mead.
 */
function load(): Fmin['nelderMead'] {
  const candidates = [built as Partial<Fmin>, (built as { default?: Partial<Fmin> }).default, (globalThis as { fmin?: Partial<Fmin> }).fmin];
  for (const c of candidates) if (typeof c?.nelderMead === 'function') return c.nelderMead;
  throw new Error('fmin: nelderMead not found in its build');
}

export const nelderMead = load();
