import { nowIso } from '#packages/core/clock.ts';
import { renderChart } from './charts.ts';
import { figure, formatMoney, heading, majorUnits, page, percent, table } from './html-page.ts';
import { bucketOf, eventFacts, revenueRows, velocityOf } from '#packages/features/reports/index.ts';

/** An event's report page: its figures, its sales against earlier events, and its revenue per day. */
export async function eventReportHtml(eventId: string): Promise<string> {
  const facts = await eventFacts(eventId);
  const velocity = await velocityOf(facts);
  const e = velocity.event;
  const firstSale = facts.orders.reduce((min, o) => (o.paidAt < min ? o.paidAt : min), nowIso());
  const end = new Date(Math.max(Date.parse(nowIso()), Date.parse(firstSale)) + 86_400_000).toISOString();
  const days = revenueRows(facts.orders, bucketOf(firstSale, 'day'), end, 'day').filter((r) => r.currency === e.currency);

  const summary = table(
    ['Capacity', 'Tickets sold', 'Sell-through', 'Revenue (net)', 'Orders', 'Checked in', 'Attendance', 'No-shows'],
    [[e.capacity, e.ticketsSold, percent(e.sellThrough), formatMoney(e.revenue, e.currency), e.orders, e.checkedIn, percent(e.attendanceRate), percent(e.noShowRate)]],
    'summary',
  );
  const velocityChart = renderChart({
    categories: velocity.rows.map((r) => String(r.daysBefore)),
    series: [
      { name: 'This event', kind: 'line', values: velocity.rows.map((r) => r.tickets) },
      ...(velocity.earlier.length ? [{ name: 'Earlier events (mean)', kind: 'line' as const, values: velocity.rows.map((r) => r.earlierAverage) }] : []),
    ],
  });
  const revenueChart = renderChart({
    categories: days.map((d) => d.periodStart.slice(0, 10)),
    series: [{ name: 'Net revenue', kind: 'bar', values: days.map((d) => majorUnits(d.net, e.currency)) }],
  });
  const earlier = velocity.earlier.length
    ? table(['Earlier event', 'Starts', 'Tickets sold'], velocity.earlier.map((x) => [x.name, x.startsAt.slice(0, 10), x.ticketsSold]), 'earlier')
    : '<p class="muted">No earlier events to compare with.</p>';
  return page(e.name, `Starts ${e.startsAt} · report of ${nowIso()}`, [
    summary,
    heading('Sales velocity'),
    figure('velocity-chart', 'Tickets sold by days before start', velocityChart),
    earlier,
    heading('Revenue'),
    figure('revenue-chart', `Net revenue per day (${e.currency})`, revenueChart),
  ]);
}
