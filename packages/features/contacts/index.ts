/** What other features may use of this one (besides its contract); everything else is internal. */
export { createContact, creationItems, newContactItem, toView, updateContact } from './contact-service.ts';
export type { ContactItem } from './contact-view.ts';
export { ContactTransaction, tagDeletes, tagPuts, uniqueTags, word } from './contact-writes.ts';
export { ENGAGEMENT_POINTS, raisedScore, scoreUnchanged } from './engagement.ts';
export { listContacts } from './contact-queries.ts';
export { ensureContact, findContactOfPerson, personKeys, type PersonInput } from './ensure-contact.ts';
export { recordConferenceActivity } from './record-conference-activity.ts';
export { contactsWithPhone, phoneLookupItems } from './phone-lookup.ts';
export { ownedPhone, phoneOwnerOf, phoneOwnerRelease } from './phone-owner.ts';
