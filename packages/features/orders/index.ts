/** What other features may use of this one (besides its contract); everything else is internal. */
export { loadOrder } from './order-item.ts';
export type { OrderItem } from './order-item.ts';
export { refundOrder } from './refund-order.ts';
export { releaseOrder } from './release-order.ts';
export { issueFreeTicket } from './issue-free-order.ts';
