import QRCode, { type QRCodeRenderersOptions } from 'qrcode';

/**
 * Level M survives ~15% damage (creased or partly glossy paper, cracked phone
 * screens) at a modest size cost; the 4-module quiet zone is what the QR spec
 * requires for reliable scanning against arbitrary backgrounds.
 */
const options = { errorCorrectionLevel: 'M', margin: 4 } as const satisfies QRCodeRenderersOptions;

/** Scalable, for web pages and PDFs. */
export function ticketQrSvg(code: string): Promise<string> {
  return QRCode.toString(code, { ...options, type: 'svg' });
}

/** For email: many clients (Gmail, Outlook) do not render SVG. 8 px per module stays sharp on high-DPI screens. */
export function ticketQrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { ...options, type: 'png', scale: 8 });
}
