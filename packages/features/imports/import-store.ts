import type { EntityItem } from 'electrodb';
import type { dataImportEntity } from '#packages/core/db/entities/data-import.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import type { ColumnMappingT, ImportOptionsT, ImportView } from './contract.ts';

export type ImportItem = EntityItem<typeof dataImportEntity>;
export interface StoredOptions extends ImportOptionsT {
  fileName?: string;
  headers: string[];
  consentTextHash?: string;
}

export async function readImport(importId: string, consistent = false): Promise<ImportItem> {
  const { data } = await db().entities.dataImport.get({ importId }).go({ consistent });
  if (!data) throw notFound('Import', importId);
  return data;
}

export function toImportView(item: ImportItem): ImportView {
  const o = item.options as StoredOptions;
  return {
    id: item.importId,
    resource: item.resource,
    status: item.status,
    ...(o.fileName ? { fileName: o.fileName } : {}),
    matchKey: o.matchKey,
    onConflict: o.onConflict,
    emptyCells: o.emptyCells,
    mapping: item.mapping as ColumnMappingT,
    total: item.total,
    processed: item.processed,
    created: item.created,
    updated: item.updated,
    skipped: item.skipped,
    failed: item.failed,
    ...(item.undoUntil ? { undoUntil: item.undoUntil } : {}),
    ...(item.finishedAt ? { finishedAt: item.finishedAt } : {}),
    ...(item.status === 'undoing' || item.status === 'undone'
      ? { undo: { deleted: item.undoDeleted ?? 0, restored: item.undoRestored ?? 0, kept: item.undoKept ?? 0 } }
      : {}),
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}
