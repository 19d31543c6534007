import { readFileSync } from 'node:fs';

/** A ```sh or ```bash block of a Markdown file. */
export interface CommandBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  /** Set when the block is preceded by `<!-- not-run: reason -->`: the reason it is not run. */
  notRun?: string;
}

const NOT_RUN = /^<!--\s*not-run:\s*(.+?)\s*-->$/;

/** Every ```sh / ```bash block of `file`, in order, with its not-run marker when it has one. */
export function commandBlocks(file: string): CommandBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: CommandBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(sh|bash|shell)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!.slice(open[1]!.length));
    let previous = start - 1;
    while (previous >= 0 && lines[previous]!.trim() === '') previous--;
    const marker = previous >= 0 ? NOT_RUN.exec(lines[previous]!.trim()) : null;
    blocks.push({ file, line: start + 1, code: body.join('\n'), ...(marker ? { notRun: marker[1]! } : {}) });
  }
  return blocks;
}
