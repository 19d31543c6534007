import { timeLeft } from '#packages/core/dependencies/deadline.ts';
import { unprocessable } from '#packages/core/errors.ts';
import { toCsv, type Column } from './csv-writer.ts';

/**
 * The most rows a synchronous export (GET …/export) answers. A request has
 * 7 s for its dependency calls (core/dependencies/timeouts.ts), API Gateway
 * 30 s and Lambda a 6 MB response, and the CSV is built in memory: 10,000
 * contacts are ≈ 2 MB and 100 pages. Beyond, the export job (POST /v1/exports).
 * `EXPORT_SYNC_MAX_ROWS` lowers it (tests; never set when deployed).
 */
export const SYNC_EXPORT_MAX_ROWS = 10_000;
/** Kept free of a request's deadline for storing the file (delivery=link) and answering. */
const ANSWER_MARGIN_MS = 1_500;

const maxRows = () => Math.min(Number(process.env.EXPORT_SYNC_MAX_ROWS) || SYNC_EXPORT_MAX_ROWS, SYNC_EXPORT_MAX_ROWS);

const tooLarge = (kind: string, why: string) =>
  unprocessable(
    'export_too_large',
    `This export is too large to answer within a request (${why}): start an export job with POST /v1/exports {"kind":"${kind}","filter":{…}} and download its file when GET /v1/exports/{id} says done`,
    { maxRows: maxRows(), exportKind: kind },
  );

/**
 * A synchronous export's whole CSV, refused as `export_too_large` (422) past
 * the row cap or when the request's deadline draws near — a client's too-large
 * request is told what to do instead, never left to time out into a 503.
 */
export function syncCsv<T>(kind: string, columns: readonly Column<T>[], pages: AsyncIterable<readonly T[]>): Promise<{ csv: string; rows: number }> {
  return toCsv(columns, pages, {
    maxRows: { limit: maxRows(), exceeded: (limit) => tooLarge(kind, `more than ${limit} rows`) },
    onPage: () => {
      const left = timeLeft();
      if (left !== undefined && left < ANSWER_MARGIN_MS) throw tooLarge(kind, 'it takes longer than a request may');
    },
  });
}
