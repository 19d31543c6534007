import type { EntityItem } from 'electrodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '#packages/core/clock.ts';
import { documentClient } from '#packages/core/db/client.ts';
import type { materialEntity } from '#packages/core/db/entities/material.ts';
import { db } from '#packages/core/db/service.ts';
import { DomainError, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { presignDownload, presignUpload } from '#packages/core/storage/index.ts';
import { validTicket, type AttendeeRef } from '#packages/features/sessions/index.ts';
import type { CreateMaterialInput, MaterialView } from './contract.ts';

export type MaterialItem = EntityItem<typeof materialEntity>;

const toView = ({ materialId, fileKey: _key, ...m }: MaterialItem): MaterialView => ({ id: materialId, ...m }) as MaterialView;

/** A material's record and a short-lived upload link for its file (the key is built from ids, never from the client's name). */
export async function createMaterial(eventId: string, input: CreateMaterialInput) {
  const { data: event } = await db().entities.event.get({ eventId }).go();
  if (!event) throw notFound('Event', eventId);
  if (input.sessionId) {
    const { data: session } = await db().entities.session.get({ eventId, sessionId: input.sessionId }).go();
    if (!session) throw unprocessable('session_not_found', `Session ${input.sessionId} is not a session of this event`, { errors: [{ path: 'body.sessionId', message: 'must be a session of this event' }] });
  }
  const materialId = newId();
  const item: MaterialItem = { eventId, materialId, ...input, fileKey: `materials/${eventId.toLowerCase()}/${materialId}`, downloads: 0, createdAt: nowIso() } as MaterialItem;
  await db().entities.material.create(item).go();
  const upload = await presignUpload(item.fileKey, input.contentType);
  return { material: toView(item), upload };
}

export async function listMaterials(eventId: string): Promise<MaterialView[]> {
  const { data } = await db().entities.material.query.byEvent({ eventId }).go({ pages: 'all' });
  return data.map(toView);
}

export async function readMaterial(eventId: string, materialId: string): Promise<MaterialItem> {
  const { data } = await db().entities.material.get({ eventId, materialId }).go();
  if (!data) throw notFound('Material', materialId);
  return data;
}

export const notEntitled = (access: string, why: string) => new DomainError('conflict', 'not_entitled', `This file is for ${access} attendees only: ${why}`, { access });

/** Admitted at least once on any of the event's lists (the ticket's `first#<list>` presence attribute, check-ins/admission.ts). */
async function checkedInToEvent(ticketId: string): Promise<boolean> {
  const params = db().entities.ticket.get({ ticketId }).params() as { Key: Record<string, unknown>; TableName: string };
  const out = await documentClient.send(new GetCommand({ TableName: params.TableName, Key: params.Key }));
  return Object.keys(out.Item ?? {}).some((k) => k.startsWith('first#'));
}

/**
 * Decides BEFORE any link is signed whether the attendee reaches the
 * material's level: public, registered (a valid ticket; for a session with
 * registration, a confirmed seat), attended (checked in: at the session's door
 * for a session's file, at the event's for the event's). Speaker and sponsor
 * files are never handed to an attendee link (speakers have their own: speaker-download.ts).
 */
async function attendeeEntitled(m: MaterialItem, ref: AttendeeRef): Promise<void> {
  if (m.access === 'public') return;
  if (m.access === 'speaker' || m.access === 'sponsor') throw notEntitled(m.access, 'handed out by the organisers');
  const ticket = await validTicket(ref);
  if (m.sessionId) {
    const { data: session } = await db().entities.session.get({ eventId: m.eventId, sessionId: m.sessionId }).go();
    if (m.access === 'registered' && session?.capacity) {
      const { data: reg } = await db().entities.sessionRegistration.get({ sessionId: m.sessionId, ticketId: ticket.ticketId }).go();
      if (reg?.state !== 'confirmed') throw notEntitled(m.access, 'no confirmed seat in its session');
    }
    if (m.access === 'attended') {
      const { data: seen } = await db().entities.sessionCheckIn.get({ sessionId: m.sessionId, ticketId: ticket.ticketId }).go();
      if (!seen) throw notEntitled(m.access, 'not checked in to its session');
    }
    return;
  }
  if (m.access === 'attended' && !(await checkedInToEvent(ticket.ticketId))) throw notEntitled(m.access, 'not checked in to the event');
}

/** A link issued: `downloads + 1`, then the presigned GET (5 minutes). */
export async function issue(m: MaterialItem) {
  await db().entities.material.patch({ eventId: m.eventId, materialId: m.materialId }).add({ downloads: 1 }).go({ response: 'none' });
  return presignDownload(m.fileKey, m.fileName ? { downloadName: m.fileName } : {});
}

export async function publicDownload(eventId: string, materialId: string) {
  const m = await readMaterial(eventId, materialId);
  if (m.access !== 'public') throw notEntitled(m.access, 'use your attendee link');
  return issue(m);
}

export async function attendeeDownload(ref: AttendeeRef, materialId: string) {
  const m = await readMaterial(ref.eventId, materialId);
  await attendeeEntitled(m, ref);
  return issue(m);
}

/** Organisers (and what they hand to speakers and sponsors): any level. */
export async function staffDownload(eventId: string, materialId: string) {
  return issue(await readMaterial(eventId, materialId));
}
