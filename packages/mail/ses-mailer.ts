import { count } from '../core/metrics.ts';
import type { SESv2Client, SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { boundedClient, dependencyClientConfig } from '#packages/core/dependencies/client-config.ts';
import { inlineCidImages } from './inline-images.ts';
import type { OutgoingMail } from './mail-message.ts';

export type { MailAttachment, OutgoingMail, RenderedMail } from './mail-message.ts';

export const DEFAULT_MAIL_FROM = 'tickets@eventos.local';

/**
 * How images referenced as `cid:` reach the reader.
 * - `cid` (deployed): SES v2 Simple content with INLINE attachments. Works in Gmail,
 *   Outlook and Apple Mail, which block or strip `data:` images.
 * - `data-uri` (local): the emulator's viewer renders the HTML as-is and cannot
 *   resolve `cid:`, so images are inlined into the HTML instead.
 * `MAIL_INLINE_IMAGES` chooses; without it, an explicit SES endpoint
 * (`AWS_ENDPOINT_URL_SESV2`, set only by the local runner and tests) means the emulator.
 */
export type InlineImageMode = 'cid' | 'data-uri';

export function inlineImageMode(env: NodeJS.ProcessEnv = process.env): InlineImageMode {
  const mode = env.MAIL_INLINE_IMAGES;
  if (mode === 'cid' || mode === 'data-uri') return mode;
  if (mode) throw new Error('MAIL_INLINE_IMAGES must be "cid" or "data-uri"');
  return env.AWS_ENDPOINT_URL_SESV2 ? 'data-uri' : 'cid';
}

const lineBreak = /[\r\n]/;

/** The SendEmail request for a message; pure, so the mapping is testable without SES. */
export function buildSendEmailInput(mail: OutgoingMail, env: NodeJS.ProcessEnv = process.env): SendEmailCommandInput {
  const to = typeof mail.to === 'string' ? [mail.to] : [...mail.to];
  if (to.length === 0) throw new Error('an email needs at least one recipient');
  const headers = Object.entries(mail.headers ?? {});
  // A line break in a header would let a value smuggle in headers of its own.
  if (headers.some(([name, value]) => lineBreak.test(name) || lineBreak.test(value))) {
    throw new Error('email header names and values must not contain line breaks');
  }
  const { html, attachments } =
    inlineImageMode(env) === 'data-uri'
      ? inlineCidImages(mail.html, mail.attachments ?? [])
      : { html: mail.html, attachments: mail.attachments ?? [] };
  const configurationSet = mail.configurationSet ?? env.SES_CONFIGURATION_SET;
  return {
    FromEmailAddress: env.MAIL_FROM || DEFAULT_MAIL_FROM,
    Destination: { ToAddresses: to },
    ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
    Content: {
      Simple: {
        Subject: { Data: mail.subject.replace(/[\r\n]+/g, ' '), Charset: 'UTF-8' },
        Body: { Html: { Data: html, Charset: 'UTF-8' }, Text: { Data: mail.text, Charset: 'UTF-8' } },
        ...(headers.length > 0 ? { Headers: headers.map(([Name, Value]) => ({ Name, Value })) } : {}),
        ...(attachments.length > 0
          ? {
              Attachments: attachments.map((a) => ({
                FileName: a.filename,
                ContentType: a.contentType,
                RawContent: a.content,
                ContentDisposition: a.contentId ? 'INLINE' : 'ATTACHMENT',
                ...(a.contentId ? { ContentId: a.contentId } : {}),
              })),
            }
          : {}),
      },
    },
  };
}

// Built on first send, after the test setup or local runner has set the endpoint variable;
// the SES SDK is loaded then too (a chunk of its own in a Lambda bundle), not at import.
let client: SESv2Client | undefined;

/** Sends through SES v2 and returns its MessageId. Nothing about the message is logged: it is personal data. */
export async function sendEmail(mail: OutgoingMail): Promise<string> {
  const { SendEmailCommand, SESv2Client } = await import('../core/dependencies/ses-sdk.ts');
  client ??= boundedClient(new SESv2Client(dependencyClientConfig()));
  const out = await client.send(new SendEmailCommand(buildSendEmailInput(mail)));
  if (!out.MessageId) throw new Error('SES returned no MessageId');
  count('EmailsSent');
  return out.MessageId;
}
