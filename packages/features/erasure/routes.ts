import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { ErasureReport } from './contract.ts';

const tag = 'Data-subject requests';

export const eraseContact = defineRoute({
  operationId: 'eraseContact',
  method: 'POST',
  path: '/v1/contacts/{id}/erase',
  handler: 'erasure/erase',
  permission: 'contacts:erase',
  summary:
    "Erase a person: their personal data removed or pseudonymised everywhere (contact, orders' buyer and tickets' holder kept under a pseudonym, leads, campaign recipients, timeline, consent proofs, recent import rows, guards); a keyed hash of the email blocks re-import without new consent. Irreversible; 409 if already erased",
  tag,
  request: { params: IdParams },
  secrets: ['marketingTokenKey'],
  responses: { 200: { description: 'What was touched', schema: ErasureReport } },
});
