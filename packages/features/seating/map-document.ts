import { unprocessable } from '#packages/core/errors.ts';
import type { SeatMapDocumentInput } from './contract.ts';
import { mapFacts, type MapFacts } from './map-model.ts';
import { sanitizeSvg } from './svg.ts';

/** DynamoDB's item limit is 400 KB; the map document keeps room for the other attributes. */
const MAX_DOCUMENT_BYTES = 350_000;

export interface StoredDocument {
  doc: SeatMapDocumentInput;
  facts: MapFacts;
  /** The document as stored: JSON. */
  document: string;
}

/** A map with its overrides applied (focal point, SVG — sanitised), checked, and serialised within the item limit. */
export function storedDocument(base: SeatMapDocumentInput, overrides: { focalPoint?: { x: number; y: number } | undefined; svgContent?: string | undefined } = {}): StoredDocument {
  const svg = overrides.svgContent ?? base.svgContent;
  const doc: SeatMapDocumentInput = {
    ...base,
    ...(overrides.focalPoint ? { focalPoint: overrides.focalPoint } : {}),
    ...(svg !== undefined ? { svgContent: sanitizeSvg(svg) } : {}),
  };
  const facts = mapFacts(doc);
  const document = JSON.stringify(doc);
  if (Buffer.byteLength(document) > MAX_DOCUMENT_BYTES) {
    throw unprocessable('map_too_large', `A seat map document may take at most ${MAX_DOCUMENT_BYTES} bytes as JSON`, { bytes: Buffer.byteLength(document) });
  }
  return { doc, facts, document };
}

/** Categories mapped to ticket types by name: a venue map's categories get an event's types; unknown names are refused. */
export function withTicketTypes(doc: SeatMapDocumentInput, categoryTicketTypes: Record<string, string> = {}): SeatMapDocumentInput {
  const names = new Set(doc.categories.map((c) => c.name));
  const unknown = Object.keys(categoryTicketTypes).filter((name) => !names.has(name));
  if (unknown.length) throw unprocessable('unknown_category', 'categoryTicketTypes names categories the map does not have', { categories: unknown });
  return { ...doc, categories: doc.categories.map((c) => (categoryTicketTypes[c.name] ? { ...c, ticketTypeId: categoryTicketTypes[c.name] } : c)) };
}
