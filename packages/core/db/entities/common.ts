import { nowIso } from '../../clock.ts';

/** ElectroDB's default key format keeps entity names in keys; this is the service name in them. */
export const SERVICE = 'eventos';

export const timestamps = {
  createdAt: { type: 'string', required: true, readOnly: true, default: nowIso },
  // Recomputed on every write; a caller that must know the value (to answer
  // without re-reading) passes it in.
  updatedAt: { type: 'string', required: true, watch: '*', default: nowIso, set: (value?: string) => value ?? nowIso() },
} as const;

/** An issued invoice: what a payment recorded against it must match (sponsorships, exhibitors' booths). */
export const invoiceAttribute = {
  type: 'map',
  properties: {
    number: { type: 'string', required: true },
    amount: { type: 'number', required: true },
    currency: { type: 'string', required: true },
    issuedAt: { type: 'string', required: true },
    dueDate: { type: 'string' },
  },
} as const;

/** A payment recorded by hand against an invoice (a bank transfer, …): who recorded it, when it was received. */
export const paymentAttribute = {
  type: 'map',
  properties: {
    method: { type: 'string', required: true },
    reference: { type: 'string', required: true },
    amount: { type: 'number', required: true },
    currency: { type: 'string', required: true },
    receivedOn: { type: 'string', required: true },
    recordedAt: { type: 'string', required: true },
    recordedBy: { type: 'string', required: true },
  },
} as const;

export const money = {
  type: 'map',
  properties: {
    amount: { type: 'number', required: true },
    currency: { type: 'string', required: true },
  },
} as const;
