import { nowIso } from '#packages/core/clock.ts';
import { renderChart } from './charts.ts';
import { figure, formatMoney, heading, majorUnits, page, percent, table } from './html-page.ts';
import { eventRow, factsOf, organiserEvents, revenueRows, startingIn, topCustomerRows } from '#packages/features/reports/index.ts';

/** The events starting in [from, to): sales against capacity, attendance, revenue per week, top customers. */
export async function periodReportHtml(window: { from: string; to: string }): Promise<string> {
  const from = new Date(window.from).toISOString();
  const to = new Date(window.to).toISOString();
  const facts = await factsOf(startingIn(await organiserEvents(), from, to));
  const rows = facts.map(eventRow);
  const currency = rows[0]?.currency ?? 'EUR';
  const names = rows.map((r) => r.name);
  const salesChart = renderChart({
    categories: names,
    series: [
      { name: 'Tickets sold', kind: 'bar', values: rows.map((r) => r.ticketsSold) },
      { name: 'Capacity', kind: 'bar', values: rows.map((r) => r.capacity) },
    ],
  });
  const attendanceChart = renderChart({
    categories: names,
    series: [
      { name: 'Checked in', kind: 'bar', values: rows.map((r) => Math.min(r.checkedIn, r.ticketsSold)) },
      { name: 'No-shows', kind: 'bar', values: rows.map((r) => r.ticketsSold - Math.min(r.checkedIn, r.ticketsSold)) },
    ],
  });
  const salesFrom = facts.reduce((min, f) => f.orders.reduce((m, o) => (o.paidAt < m ? o.paidAt : m), min), from);
  const weeks = revenueRows(facts.flatMap((f) => f.orders), salesFrom, to < nowIso() ? to : nowIso(), 'week').filter((r) => r.currency === currency);
  const revenueChart = renderChart({
    categories: weeks.map((w) => w.periodStart.slice(0, 10)),
    series: [{ name: 'Net revenue', kind: 'bar', values: weeks.map((w) => majorUnits(w.net, currency)) }],
  });
  const top = topCustomerRows(facts, 10);
  return page(`Events from ${from.slice(0, 10)} to ${to.slice(0, 10)}`, `${rows.length} events · report of ${nowIso()}`, [
    table(
      ['Event', 'Starts', 'Capacity', 'Sold', 'Sell-through', 'Revenue (net)', 'Checked in', 'Attendance', 'No-shows'],
      rows.map((r) => [r.name, r.startsAt.slice(0, 16), r.capacity, r.ticketsSold, percent(r.sellThrough), formatMoney(r.revenue, r.currency), r.checkedIn, percent(r.attendanceRate), percent(r.noShowRate)]),
      'events',
    ),
    heading('Sales'),
    figure('sales-chart', 'Tickets sold and capacity per event', salesChart),
    heading('Attendance'),
    figure('attendance-chart', 'Attendance per event', attendanceChart),
    heading('Revenue'),
    figure('revenue-chart', `Net revenue per week (${currency})`, revenueChart),
    heading(`Top customers (${top.customers} buyers, ${top.repeatCustomers} at more than one event)`),
    table(['Buyer', 'Orders', 'Events', 'Tickets', 'Spent'], top.rows.map((c) => [c.email, c.orders, c.events, c.tickets, formatMoney(c.spent, c.currency)]), 'top-customers'),
  ]);
}
