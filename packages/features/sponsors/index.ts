/** What other features and entry points may use of this one (besides its contract). */
export { createOverdueBenefitTasks } from './overdue-benefits.ts';
export { deliverPendingBenefitOfKind } from './benefit-service.ts';
export { prepareBoothBilling } from './booth-billing.ts';
