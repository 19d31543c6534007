/**
 * Points a contact's engagementScore gains per fact. Additive (DynamoDB ADD),
 * so concurrent consumers never lose a point; the CRM's rule engine may
 * replace these with stored rules.
 */
export const ENGAGEMENT_POINTS = {
  attendedEvent: 10,
} as const;
