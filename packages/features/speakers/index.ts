/** What other features may use of this one (besides its contract). */
export { speakerOfToken, type SpeakerRef } from './speaker-token.ts';
export { mailSpeakerInvitation } from './mail-speaker-invitation.ts';
