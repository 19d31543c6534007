import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { invalid } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { pool } from '#packages/core/worker-pool.ts';
import { getPurpose, sha256Hex } from '#packages/features/consents/index.ts';
import type { ColumnMappingT, CreateImportInput, ImportView, RowResultT } from './contract.ts';
import { parseCsv } from './csv.ts';
import { importRow, type ImportRun } from './import-row.ts';
import { toImportView, type StoredOptions } from './import-store.ts';
import { suggestMapping } from './mapping.ts';
import { uploadedCsv } from './uploads.ts';

/** Rows per chunk: one consumer run (≈ 2 transactions per row, 8 at a time) stays well inside a Lambda minute. */
export const CHUNK_ROWS = 250;
/** And at most this many bytes of cells per chunk item (DynamoDB's item limit is 400 KB). */
const CHUNK_BYTES = 200_000;
/** Rows a dry run (in the request) or a chunk works on at once. */
export const ROW_CONCURRENCY = 8;

export interface DryRunReport {
  dryRun: true;
  mapping: ColumnMappingT;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  rows: RowResultT[];
}

function checkedMapping(headers: string[], given: ColumnMappingT | undefined, matchKey: string): ColumnMappingT {
  const mapping = given ?? suggestMapping(headers).mapping;
  const unknown = Object.keys(mapping).filter((h) => !headers.includes(h));
  if (unknown.length) throw invalid('unknown_columns', `The mapping names columns the file does not have: ${unknown.join(', ')}`, { headers });
  const fields = Object.values(mapping).filter(Boolean);
  if (new Set(fields).size !== fields.length) throw invalid('field_mapped_twice', 'Two columns map to one field', { mapping });
  if (!fields.includes(matchKey as never)) throw invalid('match_key_unmapped', `No column maps to the match key ${matchKey}`, { headers, mapping });
  return mapping;
}

async function consentTextHash(input: CreateImportInput): Promise<string | undefined> {
  if (!input.consent) return undefined;
  const purpose = await getPurpose(input.consent.purpose);
  return input.consent.text ? sha256Hex(input.consent.text) : purpose.textHash;
}

export function tally(results: readonly RowResultT[]) {
  const count = (o: RowResultT['outcome']) => results.filter((r) => r.outcome === o).length;
  return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), skipped: count('skipped'), failed: count('failed') };
}

/**
 * A dry run: every row parsed, matched and decided exactly as the import
 * would (rows of the file that would create a contact count for later rows
 * with the same key), one result per row, and nothing written.
 */
async function dryRun(input: CreateImportInput, ctx: RequestContext): Promise<DryRunReport> {
  const { headers, rows } = parseCsv(await csvOf(input));
  const mapping = checkedMapping(headers, input.mapping, input.matchKey);
  const run: ImportRun = {
    importId: 'dry-run',
    options: input,
    headers,
    mapping,
    dryRun: true,
    actorId: ctx.actorId,
    correlationId: ctx.correlationId,
    seen: new Set(),
  };
  // In file order, one at a time: whether a row creates or updates can hang on an earlier row with the same key.
  const results: RowResultT[] = [];
  for (let i = 0; i < rows.length; i++) results.push(await importRow(run, i + 2, rows[i]!));
  const t = tally(results);
  return { dryRun: true, mapping, total: rows.length, processed: rows.length, ...t, skipped: t.skipped, rows: results };
}

/**
 * Starts an import: the rows go into chunk items (the file is parsed once,
 * here; a file that does not parse or map is refused before anything is
 * written), then the import item and the first chunk event in one
 * transaction. The imports-run consumer takes it from there.
 */
async function startImport(input: CreateImportInput, ctx: RequestContext): Promise<ImportView> {
  const { headers, rows } = parseCsv(await csvOf(input));
  const mapping = checkedMapping(headers, input.mapping, input.matchKey);
  const importId = newId();
  const ttl = Math.floor(Date.now() / 1000) + 8 * 86_400;
  const chunks: { importId: string; chunkNo: number; firstLine: number; rows: string[][]; ttl: number }[] = [];
  let current: string[][] = [];
  let bytes = 0;
  let firstLine = 2;
  rows.forEach((row, i) => {
    const size = row.reduce((n, c) => n + c.length + 4, 0);
    if (current.length && (current.length >= CHUNK_ROWS || bytes + size > CHUNK_BYTES)) {
      chunks.push({ importId, chunkNo: chunks.length, firstLine, rows: current, ttl });
      current = [];
      bytes = 0;
      firstLine = i + 2;
    }
    current.push(row);
    bytes += size;
  });
  if (current.length) chunks.push({ importId, chunkNo: chunks.length, firstLine, rows: current, ttl });
  await pool(chunks, 4, () => false, async (chunk) => {
    await db().entities.importChunk.put(chunk).go();
  });
  const options: StoredOptions = {
    matchKey: input.matchKey,
    onConflict: input.onConflict,
    emptyCells: input.emptyCells,
    headers,
    ...(input.consent ? { consent: input.consent } : {}),
    ...(input.fileName ? { fileName: input.fileName } : {}),
  };
  const textHash = await consentTextHash(input);
  if (textHash) options.consentTextHash = textHash;
  const done = chunks.length === 0;
  const item = {
    importId,
    resource: 'contacts' as const,
    status: done ? ('done' as const) : ('running' as const),
    options,
    mapping,
    total: rows.length,
    chunks: chunks.length,
    step: 0,
    processed: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    createdBy: ctx.actorId,
  };
  await transactWithEvents(
    ({ dataImport }) => [dataImport.create(item).commit()],
    done ? [] : [domainEvent('import.chunk', { importId, mode: 'import', step: 0 }, ctx)],
  );
  const { data } = await db().entities.dataImport.get({ importId }).go({ consistent: true });
  return toImportView(data!);
}

/** The file: in the body, or uploaded by a presigned link. */
async function csvOf(input: CreateImportInput): Promise<string> {
  return input.csv ?? (await uploadedCsv(input.uploadId!));
}

export async function createImport(input: CreateImportInput, ctx: RequestContext): Promise<DryRunReport | ImportView> {
  return input.dryRun ? dryRun(input, ctx) : startImport(input, ctx);
}

export async function listImports(page: PageRequest): Promise<Page<ImportView>> {
  const { data, cursor } = await db().entities.dataImport.query.all({}).go({ order: 'desc', limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toImportView), nextCursor: cursor };
}
