import { AttributionRow, CohortRow, CustomerRow, EventReportRow, RevenueRow, VelocityRow } from './contract.ts';

/** The CSV columns of each report: its row schema's fields, in their order. */
const columnsOf = (row: { shape: object }) => Object.keys(row.shape);

export const columns = {
  events: columnsOf(EventReportRow),
  revenue: columnsOf(RevenueRow),
  velocity: columnsOf(VelocityRow),
  cohorts: columnsOf(CohortRow),
  topCustomers: columnsOf(CustomerRow),
  attribution: columnsOf(AttributionRow),
};
