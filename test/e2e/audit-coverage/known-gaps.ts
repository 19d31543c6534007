/** State-changing routes not exercised yet, each with why. The mechanism covers them (the HTTP stack audits every route); what is missing is a fixture. */
export const knownGaps: Record<string, string> = {
  'POST /v1/leads/{id}/convert': 'needs a lead in a convertible state (qualified) first; fixture not written yet',
  'POST /v1/webhook-endpoints/{id}/replay': 'needs stored webhook deliveries, or an outbound HTTP receiver',
  'POST /v1/webhook-endpoints/{id}/test': 'needs stored webhook deliveries, or an outbound HTTP receiver',
  'POST /v1/promoters/{id}/payouts': 'needs a promoter user, plan, links and approved commission lines; fixture not wired here yet',
  'POST /v1/guest-lists/{id}/guests': 'needs a promoter’s guest list and its public link slug',
  'POST /v1/promoter-links/{slug}/guests': 'needs a promoter’s guest list and its public link slug',
  'POST /v1/consents/confirm/{token}': 'needs a signed consent/preference token from a sent double opt-in mail',
  'POST /v1/preferences/{token}': 'needs a signed consent/preference token from a sent double opt-in mail',
};
