import type { ColumnMappingT, ImportFieldName } from './contract.ts';

/** Header spellings seen in exports of other CRMs and spreadsheets, compared without case, spaces or punctuation. */
const SYNONYMS: Record<ImportFieldName, string[]> = {
  email: ['email', 'emailaddress', 'mail', 'email1', 'primaryemail', 'correo', 'correoelectronico', 'emailadresse', 'courriel'],
  firstName: ['firstname', 'first', 'givenname', 'forename', 'nombre', 'prenom', 'vorname'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'apellido', 'apellidos', 'nom', 'nachname'],
  phone: ['phone', 'phonenumber', 'mobile', 'mobilephone', 'cell', 'telephone', 'tel', 'telefono', 'movil'],
  leadSource: ['leadsource', 'source', 'origin', 'origen'],
  tags: ['tags', 'tag', 'labels', 'label', 'etiquetas'],
  externalId: ['externalid', 'id', 'recordid', 'contactid', 'customerid', 'crmid'],
};

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * A mapping from the headers: each field to the first column whose squashed
 * header is one of its spellings; a column matching nothing, or a field
 * already taken, stays unmapped (null). The caller may send its own.
 */
export function suggestMapping(headers: readonly string[]): { mapping: ColumnMappingT; unmapped: string[] } {
  const mapping: ColumnMappingT = {};
  const taken = new Set<ImportFieldName>();
  for (const header of headers) {
    const key = squash(header);
    const field = (Object.keys(SYNONYMS) as ImportFieldName[]).find((f) => !taken.has(f) && SYNONYMS[f].includes(key));
    mapping[header] = field ?? null;
    if (field) taken.add(field);
  }
  return { mapping, unmapped: headers.filter((h) => mapping[h] === null) };
}
