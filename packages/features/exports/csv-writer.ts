import { Transform, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { safeCell } from '#packages/core/csv-safe.ts';

export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
}

export interface CsvProgress {
  rows: number;
  pages: number;
  /** Bytes of CSV produced so far (the header included). */
  bytes: number;
}

export interface CsvStreamOptions {
  /** Called after each page is written, before the next is read; a throw stops the stream with that error. */
  onPage?: (progress: CsvProgress) => Promise<void> | void;
  /** Called with the row count the moment it would pass `maxRows`; what it throws stops the stream. */
  maxRows?: { limit: number; exceeded: (limit: number) => Error };
}

const cellOf = (v: unknown) =>
  v === undefined || v === null ? '' : Array.isArray(v) ? v.join(';') : typeof v === 'object' ? JSON.stringify(v) : v;

/**
 * Rows from `pages` (an async iterable of pages, read one page at a time) as a
 * stream of CSV through csv-stringify: a page is stringified while the next
 * is read, and nothing waits in memory beyond the stream's buffers, so the
 * reader (an S3 upload, a string) sets the pace. The header row is written
 * first, so a file with no rows still says what it would hold. Every text
 * cell goes through `safeCell`, so a spreadsheet never runs a cell beginning
 * with = + - @ as a formula.
 */
export function csvStream<T>(columns: readonly Column<T>[], pages: AsyncIterable<readonly T[]>, options: CsvStreamOptions = {}): { stream: Readable; done: Promise<CsvProgress>; abort: (error: Error) => void } {
  const stringifier = stringify({ cast: { string: safeCell, boolean: (b) => (b ? 'true' : 'false') } });
  const progress: CsvProgress = { rows: 0, pages: 0, bytes: 0 };
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      progress.bytes += chunk.length;
      callback(null, chunk);
    },
  });
  stringifier.on('error', (error) => counter.destroy(error));
  stringifier.pipe(counter);
  const write = async (record: unknown[]) => {
    if (stringifier.destroyed) throw new Error('the CSV stream was closed');
    if (stringifier.write(record)) return;
    await new Promise<void>((resolve, reject) => {
      const closed = () => reject(new Error('the CSV stream was closed'));
      stringifier.once('close', closed);
      stringifier.once('drain', () => {
        stringifier.off('close', closed);
        resolve();
      });
    });
  };
  const ended = new Promise<void>((resolve, reject) => {
    counter.on('end', resolve);
    counter.on('error', reject);
  });
  // Awaited only on success; a failure reaches the caller through `done`.
  ended.catch(() => undefined);
  const pump = async (): Promise<CsvProgress> => {
    await write(columns.map((c) => c.header));
    for await (const page of pages) {
      for (const row of page) {
        if (options.maxRows && progress.rows >= options.maxRows.limit) throw options.maxRows.exceeded(options.maxRows.limit);
        await write(columns.map((c) => cellOf(c.value(row))));
        progress.rows++;
      }
      progress.pages++;
      await options.onPage?.({ ...progress });
    }
    stringifier.end();
    await ended;
    return { ...progress };
  };
  const done = pump().catch((error: unknown) => {
    counter.destroy(error as Error);
    throw error;
  });
  // The reader learns of a failure through the stream; `done` is for whoever awaits the whole.
  done.catch(() => undefined);
  // A reader that gave up (a failed upload) stops the writer too, instead of leaving it waiting for a drain.
  const abort = (error: Error) => {
    stringifier.destroy(error);
    counter.destroy(error);
  };
  return { stream: counter, done, abort };
}

/** The whole CSV as one string, for the small synchronous exports (capped by `maxRows`). */
export async function toCsv<T>(columns: readonly Column<T>[], pages: AsyncIterable<readonly T[]>, options: CsvStreamOptions = {}): Promise<{ csv: string; rows: number }> {
  const { stream, done } = csvStream(columns, pages, options);
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  const { rows } = await done;
  return { csv: Buffer.concat(out).toString('utf8'), rows };
}
