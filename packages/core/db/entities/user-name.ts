import { Entity } from 'electrodb';
import { SERVICE } from './common.ts';

/** Uniqueness guard of a username, written with the user in one transaction. */
export const userNameSchema = {
  model: { entity: 'userName', version: '1', service: SERVICE },
  attributes: {
    username: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true },
  },
  indexes: {
    byUsername: { pk: { field: 'pk', composite: ['username'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

export const userNameEntity = new Entity(userNameSchema);
