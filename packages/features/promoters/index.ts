/** What other features may use of this one (besides its contract); everything else is internal. */
export { attributeOrder, unlockedTicketTypes, type Attribution } from './attribution.ts';
export { assertCanActFor, assertCanSee, promoterOfUser } from './access.ts';
export { loadLink } from './link-service.ts';
export { loadPromoter, type PromoterItem } from './promoter-item.ts';
export { loadPlan } from './plan-service.ts';
export { attributeTableBooking } from './table-attribution.ts';
export { publicLinkLimits } from './public-limits.ts';
