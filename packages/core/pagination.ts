import { invalid } from './errors.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/**
 * ElectroDB cursors are base64url JSON of DynamoDB's LastEvaluatedKey. We pass
 * them through opaquely but refuse anything that is not such an object, so a
 * tampered cursor is a 400 and never reaches DynamoDB as a malformed key.
 */
export function checkedCursor(cursor: string | undefined): string | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const isKeyObject =
      typeof decoded === 'object' &&
      decoded !== null &&
      !Array.isArray(decoded) &&
      Object.keys(decoded).length > 0 &&
      Object.values(decoded).every((v) => typeof v === 'string' || typeof v === 'number');
    if (isKeyObject) return cursor;
  } catch {
    // fall through to the error below
  }
  throw invalid('invalid_cursor', 'The cursor is not one this API issued');
}
