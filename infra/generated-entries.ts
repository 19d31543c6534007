import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A relative ESM import specifier from `fromDir` to `file`. */
export function importPath(fromDir: string, file: string): string {
  const relative = path.relative(fromDir, file).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * Writes a generated Lambda entry once per content, named by its hash (so
 * tenants and runs share it), with write-then-rename: parallel synths and test
 * workers never see half a file. Returns its path.
 */
export function writeGeneratedEntry(dir: string, name: string, source: string): string {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const file = path.join(dir, `${name.replaceAll('/', '-')}.${hash}.ts`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, source);
    renameSync(temporary, file);
  }
  return file;
}
