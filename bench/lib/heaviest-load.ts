import { relative, resolve } from 'node:path';
import type { Metafile } from 'esbuild';

/** The code a cold instance loads on top of index.mjs before it serves one route or consumer. */
export interface LazyLoad {
  /** The source file behind the dynamic import (a route's or a consumer's handler file), repo-relative. */
  source: string;
  /** Bytes of its chunk and of the chunks it imports statically that index.mjs does not already load. */
  bytes: number;
}

/**
 * For a generated dispatcher entry (infra/http-entries.ts, infra/consumer-entries.ts),
 * the handler files it imports on demand, largest load first. The bytes come
 * from esbuild's metafile: each dynamic import's chunk plus its static
 * imports, minus what index.mjs loads itself. Empty for a single-handler entry.
 */
export function lazyLoads(metafile: Metafile, root: string, indexFile: string): LazyLoad[] {
  const outputs = metafile.outputs;
  const key = (file: string) => relative(process.cwd(), resolve(file));
  const staticClosure = (start: string, into = new Set<string>()) => {
    if (into.has(start) || !outputs[start]) return into;
    into.add(start);
    for (const imp of outputs[start]!.imports) if (imp.kind === 'import-statement') staticClosure(imp.path, into);
    return into;
  };
  const index = key(indexFile);
  const atImport = staticClosure(index);
  const loads: LazyLoad[] = [];
  for (const imp of outputs[index]?.imports ?? []) {
    if (imp.kind !== 'dynamic-import' || !outputs[imp.path]?.entryPoint) continue;
    const extra = [...staticClosure(imp.path)].filter((file) => !atImport.has(file));
    loads.push({
      source: relative(root, resolve(outputs[imp.path]!.entryPoint!)),
      bytes: extra.reduce((sum, file) => sum + outputs[file]!.bytes, 0),
    });
  }
  return loads.sort((a, b) => b.bytes - a.bytes);
}

/**
 * The expression that makes a bundled dispatcher load `source` (see lazyLoads):
 * its route's loader in a feature function, its consumer's or job's in a group.
 */
export function loadExpression(
  kind: string,
  source: string,
  table: {
    routes: readonly { key: string; file: string }[];
    consumers: readonly { consumer: string; file: string }[];
    jobs?: readonly { job: string; file: string }[];
  },
): string | undefined {
  if (kind === 'http') {
    const route = table.routes.find((r) => r.file === source);
    return route && `m.handler.routes[${JSON.stringify(route.key)}]()`;
  }
  if (kind === 'consumer') {
    const member = table.consumers.find((c) => c.file === source);
    return member && `m.handler.members[${JSON.stringify(member.consumer)}]()`;
  }
  if (kind === 'job') {
    const member = table.jobs?.find((j) => j.file === source);
    return member && `m.handler.members[${JSON.stringify(member.job)}]()`;
  }
  return undefined;
}
