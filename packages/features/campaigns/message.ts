import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { buildSendEmailInput, DEFAULT_MAIL_FROM } from '#packages/mail/ses-mailer.ts';
import { escapeHtml } from '#packages/mail/html-escape.ts';
import { renderPart, UNSUBSCRIBE_PLACEHOLDER, usesPlaceholder, type PersonalData, type TemplateParts } from './template.ts';
import { withRecipientToken } from './tokens.ts';

export interface CampaignMessageInput {
  campaignId: string;
  contactId: string;
  to: string;
  template: TemplateParts;
  data: Omit<PersonalData, 'unsubscribeUrl'>;
  /** The one-click HTTPS endpoint with the signed unsubscribe token. */
  unsubscribeUrl: string;
  unsubscribeToken: string;
  /** The preference centre's signed link (packages/features/consents), in the footer next to Unsubscribe. */
  preferencesUrl?: string;
  /** Signed recipient token added to every http(s) link as `rt=`. */
  recipientToken: string;
}

const htmlEntities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescapeHtml = (value: string) => value.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => htmlEntities[e]!);

/** The domain of the sender address, for the mailto unsubscribe. */
export function mailDomain(env: NodeJS.ProcessEnv = process.env): string {
  const from = env.MAIL_FROM || DEFAULT_MAIL_FROM;
  return from.slice(from.lastIndexOf('@') + 1).replace(/>.*$/, '');
}

/**
 * RFC 2369 + RFC 8058: the HTTPS one-click URL first (Gmail and Yahoo POST
 * `List-Unsubscribe=One-Click` to it), then a mailto fallback that carries
 * the same token in its subject.
 */
export function unsubscribeHeaders(url: string, token: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    'List-Unsubscribe': `<${url}>, <mailto:unsubscribe@${mailDomain(env)}?subject=unsubscribe-${encodeURIComponent(token)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/**
 * Every absolute http(s) link in the HTML gets `rt=<recipient token>`, so an
 * order placed after the click is attributed to this recipient. The
 * unsubscribe link is left alone (it carries its own token).
 */
export function tagHtmlLinks(html: string, recipientToken: string, except: string): string {
  return html.replace(/href=(["'])(https?:\/\/[^"']*)\1/gi, (whole, quote: string, escaped: string) => {
    const url = unescapeHtml(escaped);
    if (url === except) return whole;
    return `href=${quote}${escapeHtml(withRecipientToken(url, recipientToken))}${quote}`;
  });
}

/** The same for bare http(s) URLs in the text body (a sentence's closing punctuation is not part of the URL). */
export function tagTextLinks(text: string, recipientToken: string, except: string): string {
  return text.replace(/https?:\/\/[^\s<>"')\]]+/gi, (match) => {
    const url = match.replace(/[.,;:!?]+$/, '');
    const tail = match.slice(url.length);
    return (url === except ? url : withRecipientToken(url, recipientToken)) + tail;
  });
}

function htmlFooter(url: string, preferences?: string): string {
  const manage = preferences ? ` · <a href="${escapeHtml(preferences)}">Manage preferences</a>` : '';
  return `<p style="margin:24px 0 0;font-size:12px;color:#666">You receive this because you agreed to hear from us. <a href="${escapeHtml(url)}">Unsubscribe</a>${manage}</p>`;
}

/** Before `</body>` when there is one, else at the end. */
function appendToBody(html: string, block: string): string {
  const at = html.search(/<\/body\s*>/i);
  return at === -1 ? `${html}\n${block}` : `${html.slice(0, at)}${block}\n${html.slice(at)}`;
}

/**
 * The personalized mail of one recipient. Both bodies carry a visible
 * unsubscribe link: where the author put `{{unsubscribeUrl}}`, or a footer.
 */
export function renderCampaignMessage(input: CampaignMessageInput): { subject: string; html: string; text: string; headers: Record<string, string> } {
  const data: PersonalData = { ...input.data, unsubscribeUrl: input.unsubscribeUrl };
  let html = renderPart(input.template.html, data, 'html');
  let text = renderPart(input.template.text, data, 'text');
  html = tagHtmlLinks(html, input.recipientToken, input.unsubscribeUrl);
  text = tagTextLinks(text, input.recipientToken, input.unsubscribeUrl);
  if (!usesPlaceholder(input.template.html, UNSUBSCRIBE_PLACEHOLDER)) html = appendToBody(html, htmlFooter(input.unsubscribeUrl, input.preferencesUrl));
  if (!usesPlaceholder(input.template.text, UNSUBSCRIBE_PLACEHOLDER)) text = `${text}\n\n--\nUnsubscribe: ${input.unsubscribeUrl}\n`;
  if (input.preferencesUrl) text = `${text}${usesPlaceholder(input.template.text, UNSUBSCRIBE_PLACEHOLDER) ? '\n\n--\n' : ''}Manage preferences: ${input.preferencesUrl}\n`;
  return {
    subject: renderPart(input.template.subject, data, 'text'),
    html,
    text,
    headers: unsubscribeHeaders(input.unsubscribeUrl, input.unsubscribeToken),
  };
}

/**
 * The SendEmail request: the shared mapping (sender, configuration set,
 * header checks) plus tags naming the campaign and contact, which SES copies
 * into every delivery/open/click/bounce event it publishes.
 */
export function campaignSendEmailInput(input: CampaignMessageInput): SendEmailCommandInput {
  const mail = renderCampaignMessage(input);
  return {
    ...buildSendEmailInput({ to: input.to, ...mail }),
    EmailTags: [
      { Name: 'campaignId', Value: input.campaignId },
      { Name: 'contactId', Value: input.contactId },
    ],
  };
}
