import type { QRCodeRenderersOptions } from 'qrcode';

/** The QR encoder (and its PNG writer), loaded on the first code drawn (a chunk of its own in a Lambda bundle), not at import. */
const qrcode = async () => (await import('qrcode')).default;

/**
 * Level M survives ~15% damage (creased or partly glossy paper, cracked phone
 * screens) at a modest size cost; the 4-module quiet zone is what the QR spec
 * requires for reliable scanning against arbitrary backgrounds.
 */
const options = { errorCorrectionLevel: 'M', margin: 4 } as const satisfies QRCodeRenderersOptions;

/** Scalable, for web pages and PDFs. */
export async function ticketQrSvg(code: string): Promise<string> {
  return (await qrcode()).toString(code, { ...options, type: 'svg' });
}

/** For email: many clients (Gmail, Outlook) do not render SVG. 8 px per module stays sharp on high-DPI screens. */
export async function ticketQrPng(code: string): Promise<Buffer> {
  return (await qrcode()).toBuffer(code, { ...options, type: 'png', scale: 8 });
}
