import { table, passFail, type Cell } from '../lib/markdown.ts';
import type { Percentiles } from '../orders/stats.ts';
import type { CapacityFigures, CrmSegmentsData, ReadFigures } from '../segments/types.ts';

const ms = (p: Percentiles | null | undefined): Cell[] => [p?.count, p?.p50, p?.p90, p?.p99, p?.max];
const commands = (c: CapacityFigures | null | undefined) =>
  c ? Object.entries(c.byCommand).map(([k, v]) => `${k} ×${v.calls} (${v.units} CU)`).join(', ') : '—';
const readRows = (name: string, r: ReadFigures | null): Cell[][] => [
  [`${name}, in process`, ...ms(r?.serviceMs), r?.capacity?.rcu, commands(r?.capacity)],
  [`${name}, HTTP`, ...ms(r?.httpMs), r?.capacity?.rcu, 'same calls + nothing else'],
];

export function renderCrmSegments(d: CrmSegmentsData): string {
  const lines = [
    `${d.contacts.toLocaleString('en')} contacts; segment filter \`${JSON.stringify(d.filter)}\`; build chunk ${d.chunk} contacts. ` +
      `Method: ${Object.entries(d.method).map(([k, v]) => `${k}: ${v}`).join('; ')}.`,
    '',
  ];
  if (d.load) {
    lines.push(`Load: ${(d.load.wallMs / 1000).toFixed(1)} s (${d.load.perSecond.toLocaleString('en')} contacts/s), ${d.load.wcuPerContact} WCU per contact.`, '');
  }
  if (d.build) {
    const b = d.build;
    lines.push(
      table(
        ['Build', 'Value'],
        [
          ['time to ready', `${(b.wallMs / 1000).toFixed(1)} s`],
          ['members (expected)', `${b.members.toLocaleString('en')} (${b.expectedMembers.toLocaleString('en')})`],
          ['build steps (bus events)', b.steps],
          ['per contact evaluated: RCU / WCU / calls', `${b.perContact.rcu} / ${b.perContact.wcu} / ${b.perContact.calls}`],
          ['per member added: WCU as DynamoDB Local reports', b.perMember.wcu],
          ...(b.billed
            ? [
                ['per member added: WCU billed (from item sizes)', `${b.billed.wcuPerMemberAdded} (member ${b.billed.memberBytes} B, contact check ${b.billed.contactBytes} B avg, segment ${b.billed.segmentBytes} B / 33)`],
                ['per contact evaluated: RCU billed (index Query share)', b.billed.rcuPerContactEvaluated],
              ]
            : []),
          ['per contact, by command', commands(b.perContact)],
        ],
      ),
      '',
    );
  }
  lines.push(
    table(
      ['Read (ms)', 'n', 'p50', 'p90', 'p99', 'max', 'RCU / read', 'DynamoDB calls per read'],
      [...readRows('count (GetItem)', d.count), ...readRows(`first page of ${d.firstPage?.pageSize ?? 25} (Query + BatchGet)`, d.firstPage)],
    ),
    '',
    table(['Check', 'Result', 'Detail'], d.targets.map((t) => [t.name, passFail(t.ok), t.detail])),
  );
  return lines.join('\n');
}
