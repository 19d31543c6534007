import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandBlocks } from '../support/doc-blocks.ts';

const doc = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'doc-blocks-')), 'flow.md');
  writeFileSync(file, text);
  return file;
};

describe('command blocks of a Markdown file (the docs test runs them)', () => {
  it('finds bash and sh blocks in order, with their line, and leaves other fences alone', () => {
    const file = doc(['# Flow', '```bash', 'A=1', 'echo $A', '```', '```json', '{"not":"run"}', '```', '', '```sh', 'echo two', '```', '```', 'plain', '```'].join('\n'));
    expect(commandBlocks(file).map(({ line, code, notRun }) => ({ line, code, notRun }))).toEqual([
      { line: 2, code: 'A=1\necho $A', notRun: undefined },
      { line: 10, code: 'echo two', notRun: undefined },
    ]);
  });

  it('takes the reason of a not-run marker on the line before a block, blank lines between allowed, and only for that block', () => {
    const file = doc(['<!-- not-run: needs an AWS account -->', '', '```bash', 'aws sts get-caller-identity', '```', 'text', '```bash', 'echo runs', '```'].join('\n'));
    const [aws, local] = commandBlocks(file);
    expect(aws!.notRun).toBe('needs an AWS account');
    expect(local!.notRun).toBeUndefined();
  });
});
