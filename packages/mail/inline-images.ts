import type { MailAttachment } from './mail-message.ts';

/**
 * Replaces `src="cid:<id>"` with a `data:` URI of the matching inline attachment and
 * drops the attachments so inlined. The local mail viewer cannot resolve `cid:` but
 * renders `data:` images; Gmail and others block `data:` images, so deployed mail
 * keeps CID attachments (see ses-mailer.ts for which path is taken).
 */
export function inlineCidImages(
  html: string,
  attachments: readonly MailAttachment[],
): { html: string; attachments: MailAttachment[] } {
  const byId = new Map(attachments.filter((a) => a.contentId).map((a) => [a.contentId!, a]));
  const used = new Set<string>();
  const out = html.replace(/src="cid:([^"]+)"/g, (whole, id: string) => {
    const image = byId.get(id);
    if (!image) return whole;
    used.add(id);
    return `src="data:${image.contentType};base64,${Buffer.from(image.content).toString('base64')}"`;
  });
  return { html: out, attachments: attachments.filter((a) => !a.contentId || !used.has(a.contentId)) };
}
