import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { mailSpeakerInvitation } from '#packages/features/speakers/index.ts';

/** A speaker was invited: their signed link, mailed once per speaker and event ever. */
export const handler = consumerHandler(consumers.mailSpeakerInvitation, async ({ data }) => {
  await mailSpeakerInvitation(data);
});
