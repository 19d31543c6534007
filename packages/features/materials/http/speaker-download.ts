import { speakerDownload as route } from '#packages/features/materials/routes.ts';
import { speakerDownload } from '#packages/features/materials/speaker-download.ts';
import { speakerOfToken } from '#packages/features/speakers/index.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await speakerDownload(speakerOfToken(params.token), params.materialId)));
