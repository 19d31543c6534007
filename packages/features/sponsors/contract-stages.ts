import type { PipelineItem, Stage } from '#packages/features/pipelines/index.ts';
import type { SponsorshipStatusValue } from './contract.ts';

/** The contract's order; a sponsorship moves one step forward along it, never skipping one (or to `lost` before it is signed). */
export const STATUS_ORDER: readonly SponsorshipStatusValue[] = ['lead', 'proposal', 'signed', 'invoiced', 'paid', 'fulfilled'];

export function canMove(from: SponsorshipStatusValue, to: SponsorshipStatusValue): boolean {
  if (from === 'lost' || from === 'fulfilled') return false;
  if (to === 'lost') return STATUS_ORDER.indexOf(from) < STATUS_ORDER.indexOf('signed');
  return STATUS_ORDER.indexOf(to) === STATUS_ORDER.indexOf(from) + 1;
}

/** Statuses that only a fact sets: issuing the invoice, recording the payment (their own routes), never the status route. */
export const SET_BY_FACT: Partial<Record<SponsorshipStatusValue, { code: string; message: string }>> = {
  invoiced: { code: 'invoice_required', message: 'A sponsorship becomes invoiced by issuing its invoice (POST …/invoice)' },
  paid: { code: 'payment_required', message: 'A sponsorship becomes paid by recording a payment matching its invoice (POST …/payments)' },
};

/** Whether exhibitors' booths still go on this sponsorship's bill: until its invoice is issued. */
export const billsBooths = (status: SponsorshipStatusValue): boolean => status === 'lead' || status === 'proposal' || status === 'signed';

/**
 * Where the sponsorship's opportunity stands for a contract status, so its
 * revenue shows in the pipeline and forecast: a lead in the first open stage,
 * a proposal in the open stage named "Proposal" (else the last open one),
 * signed onwards in the won stage (the money is committed), lost in the lost stage.
 */
export function stageForStatus(pipeline: PipelineItem, status: SponsorshipStatusValue): Stage {
  const stages = pipeline.stages as Stage[];
  const open = stages.filter((s) => s.kind === 'open');
  const byKind = (kind: Stage['kind']) => stages.find((s) => s.kind === kind)!;
  switch (status) {
    case 'lead':
      return open[0]!;
    case 'proposal':
      return open.find((s) => /proposal/i.test(s.name)) ?? open[open.length - 1]!;
    case 'lost':
      return byKind('lost');
    default:
      return byKind('won');
  }
}
