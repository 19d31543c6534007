/** What other features may use of this one (besides its contract); everything else is internal. */
export { opportunityCreation, stageIn, updateOpportunity } from './opportunity-service.ts';
export { toOpportunityView } from './opportunity-view.ts';
export { forecast } from './forecast-query.ts';
export { prepareOpportunityChange, type PreparedOpportunityChange } from './opportunity-change.ts';
