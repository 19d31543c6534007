import { IdParams, ListQuery, listOf } from '#packages/core/common-schemas.ts';
import { TimelineItem } from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

export const getContactTimeline = defineRoute({
  operationId: 'getContactTimeline',
  method: 'GET',
  path: '/v1/contacts/{id}/timeline',
  handler: 'timeline/get',
  permission: 'contacts:read',
  summary:
    "The contact's 360° timeline, newest first: purchases, refunds, check-ins, interactions, notes (without other people's private ones), tasks, lead and opportunity changes. One Query per page; a page may hold fewer than limit lines",
  tag: 'Contacts',
  request: { params: IdParams, query: ListQuery },
  responses: { 200: { description: 'A page of timeline lines', schema: listOf(TimelineItem) } },
});
