export type Cell = string | number | null | undefined;

const text = (c: Cell) => (c === null || c === undefined ? '—' : String(c).replaceAll('|', '\\|'));

/** A GitHub-flavoured Markdown table; `align` marks numeric columns right-aligned. */
export function table(headers: string[], rows: Cell[][], align: ('l' | 'r')[] = []): string {
  const rule = headers.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [headers, rule, ...rows.map((r) => r.map(text))].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export const passFail = (ok: boolean | null | undefined): string => (ok === null || ok === undefined ? '—' : ok ? 'pass' : '**FAIL**');
