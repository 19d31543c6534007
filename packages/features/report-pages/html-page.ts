import { escapeHtml } from '#packages/mail/html-escape.ts';
import type { RenderedChart } from './charts.ts';

/**
 * The frame of a report page: no scripts, no external resources, styles
 * inline in one <style> element (allowed by the page's CSP), every text the
 * organiser or a buyer typed escaped where it is put in.
 */

/** The policy the page is served with: nothing runs, nothing loads from elsewhere. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#222}h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}
figure{margin:1rem 0}svg{max-width:100%;height:auto}.muted{color:#666}
.key{margin-left:1rem}.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:middle}`;

const minorDigits = (currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** Minor units → major units of the currency (cents → euros, yen → yen), for chart axes. */
export const majorUnits = (amount: number, currency: string) => amount / 10 ** minorDigits(currency);

/** `12,345.67 EUR` from minor units, with the currency's own number of decimals. */
export function formatMoney(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  return `${(amount / 10 ** digits).toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${currency}`;
}

export const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

/** A table; cells are plain text and escaped here. */
export function table(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, id?: string): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(String(c))}</td>`).join('')}</tr>`).join('\n');
  return `<table${id ? ` id="${escapeHtml(id)}"` : ''}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * A chart (charts.ts: SVG that ECharts escaped) in a figure with an id, its
 * title and legend as HTML text under it.
 */
export function figure(id: string, title: string, chart: RenderedChart): string {
  const key = chart.legend
    .map((s) => `<span class="key"><span class="swatch" style="background:${escapeHtml(s.color)}"></span>${escapeHtml(s.name)}</span>`)
    .join(' ');
  return `<figure id="${escapeHtml(id)}" class="chart">${chart.svg}<figcaption><strong>${escapeHtml(title)}</strong> ${key}</figcaption></figure>`;
}

/** The whole page; `title` and `subtitle` are escaped, `sections` are HTML built with the helpers above. */
export function page(title: string, subtitle: string, sections: readonly string[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1><p class="muted">${escapeHtml(subtitle)}</p>
${sections.join('\n')}
</body></html>`;
}

export const heading = (text: string) => `<h2>${escapeHtml(text)}</h2>`;
