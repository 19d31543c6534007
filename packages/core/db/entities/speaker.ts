import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * A speaker of one event, keyed by their contact: one profile per contact and
 * event, so inviting the same person twice finds the same speaker. Public
 * (the agenda) only with `consentToPublish`.
 */
export const speakerSchema = {
  model: { entity: 'speaker', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    speakerId: { type: 'string', required: true, readOnly: true },
    email: { type: 'string', required: true },
    name: { type: 'string', required: true },
    bio: { type: 'string' },
    tagline: { type: 'string' },
    expertise: { type: 'list', items: { type: 'string' } },
    links: { type: 'list', items: { type: 'string' } },
    headshotUrl: { type: 'string' },
    consentToPublish: { type: 'boolean', required: true, default: false },
    status: { type: ['invited', 'confirmed'] as const, required: true },
    confirmedAt: { type: 'string' },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: { collection: 'agenda', pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['speakerId'] } },
  },
} as const;

export declare const speakerEntity: Db['entities']['speaker'];
