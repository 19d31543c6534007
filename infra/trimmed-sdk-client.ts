import { existsSync } from 'node:fs';
import path from 'node:path';
import { copyTree, generatedCopyDir, packageJsonForCopy, packageRoot, writeIfChanged } from './generated-copy.ts';

/**
 * An AWS SDK v3 client whose error registry holds only the errors we name.
 *
 * Each client's `dist-es/schemas/schemas_0.js` registers every modeled error
 * of its service at import (`n0_registry.registerError(X$, X)`). Those calls
 * are side effects, so esbuild keeps every error schema and every error class
 * of `models/errors.js` in any bundle that loads the client: for SSM that is
 * 141 errors, ≈ 70 KB of a bundle that sends GetParameter.
 *
 * This writes a copy of the installed client (dist-es byte for byte, and of
 * its package.json what dist-es and esbuild read) with those calls cut to the errors `keep` names, plus the
 * service's base exception. A response naming any other error still throws
 * the client's service exception with that error's `name`, `$fault`,
 * `$metadata` and body fields (the SDK's fallback for errors it does not
 * know, @aws-sdk/core ProtocolLib.getErrorSchemaOrThrowBaseException), so
 * `error.name` checks and the SDK's retry classification (by name, status and
 * `$retryable`, which none of these schemas sets) see the same error; only
 * `instanceof` a cut error's class would differ, hence `keep`.
 *
 * The copy sits in infra/stubs/.generated/ (git-ignored), inside the repo so
 * its bare imports (@smithy/core, @aws-sdk/core) resolve to the very packages
 * the real client uses. Made from the installed package on every process
 * that bundles, so an SDK upgrade can never ship a stale copy; a `keep` name
 * the client no longer registers fails loudly.
 */
const REGISTER_ERROR = /^(\w+)\.registerError\((\w+)\$, (\w+)\);$/gm;
/** An error's schema: `export var X$ = [-3, …\n];` (a structure's starts with 3, an operation's with 9). */
const ERROR_SCHEMA = /^export var (\w+)\$ = \[-3,[^;]*?\n\];\n/gm;

/** schemas_0.js with the registrations of errors outside `keep` (and the base exception) removed. */
export function trimErrorRegistrations(source: string, keep: ReadonlySet<string>, pkg: string): string {
  const registered = new Set<string>();
  const trimmed = source.replace(REGISTER_ERROR, (line, registry: string, schema: string, ctor: string) => {
    registered.add(ctor);
    // The synthetic registry holds only the service's base exception: the fallback for every error cut here.
    const isBaseException = registry === '_s_registry';
    return isBaseException || (keep.has(ctor) && schema === ctor) ? line : '';
  });
  if (registered.size === 0) throw new Error(`trimmed-sdk-client: ${pkg} registers no errors the way this expects (SDK changed?)`);
  const missing = [...keep].filter((name) => !registered.has(name));
  if (missing.length > 0) throw new Error(`trimmed-sdk-client: ${pkg} registers no ${missing.join(', ')}`);
  // The cut errors' schemas too: esbuild keeps an unused `[-3, n0, _X, { [_e]: _c }, …]` (its computed keys might have effects).
  return trimmed.replace(ERROR_SCHEMA, (declaration, name: string) => (registered.has(name) && !keep.has(name) ? '' : declaration));
}

/**
 * Writes the trimmed copy of SDK client `pkg` and returns the path of its ESM
 * index (what infra/bundling.ts aliases the package to).
 */
export function writeTrimmedSdkClient(pkg: string, keep: readonly string[]): string {
  const root = packageRoot(pkg);
  // A client with dependencies of its own would resolve them differently from the copy.
  if (existsSync(path.join(root, 'node_modules'))) throw new Error(`trimmed-sdk-client: ${pkg} has its own node_modules; the copy would not see them`);
  const target = generatedCopyDir(pkg);
  const keepSet = new Set(keep);
  // dist-es reads only `version` of it (runtimeConfig.js); esbuild, `sideEffects`. The rest would be bytes in every bundle.
  writeIfChanged(path.join(target, 'package.json'), packageJsonForCopy(root, ['name', 'version', 'sideEffects']));
  copyTree(path.join(root, 'dist-es'), path.join(target, 'dist-es'), (relative, content) =>
    /^schemas[/\\]schemas_\d+\.js$/.test(relative) && content.includes('registerError(')
      ? Buffer.from(trimErrorRegistrations(content.toString('utf8'), keepSet, pkg))
      : content,
  );
  return path.join(target, 'dist-es', 'index.js');
}
