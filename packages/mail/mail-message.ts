/** Transport-neutral message shapes shared by renderers and the SES mailer. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
  /** Set for an image the HTML shows as `<img src="cid:…">`; it is then sent inline. */
  contentId?: string;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  attachments?: MailAttachment[];
}

export interface OutgoingMail extends RenderedMail {
  to: string | readonly string[];
  headers?: Readonly<Record<string, string>>;
  configurationSet?: string;
}
