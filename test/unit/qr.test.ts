import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { ticketQrPng, ticketQrSvg } from '#packages/tickets/qr.ts';

const code = 'EO1.01JZ3F8Q6VQ2K7N4M9T5W1X0YB.01JZ3F7A2C4D6E8G0H2J4K6M8N.NY5Z3W3TCQ46R.SFR89FD2GD0FFCS1CCRDNMCG6C';
// pngjs comes with qrcode (which draws its PNGs with it) and ships no types.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } };
};
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('ticket QR codes', () => {
  it('renders an SVG, the same for the same code', async () => {
    const svg = await ticketQrSvg(code);
    expect(svg).toContain('<svg');
    expect(svg).toContain('</svg>');
    expect(await ticketQrSvg(code)).toBe(svg);
    expect(await ticketQrSvg(code.replace('EO1', 'EO2'))).not.toBe(svg);
  });

  it('uses a version-5 symbol (37 modules) plus a 4-module quiet zone on each side', async () => {
    // The viewBox spans modules plus margin: 37 + 2 × 4 = 45.
    expect(await ticketQrSvg(code)).toContain('viewBox="0 0 45 45"');
  });

  it('renders a PNG at 8 px per module, the same for the same code', async () => {
    const png = await ticketQrPng(code);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // IHDR width and height, big-endian, at bytes 16 and 20.
    expect(png.readUInt32BE(16)).toBe(45 * 8);
    expect(png.readUInt32BE(20)).toBe(45 * 8);
    expect((await ticketQrPng(code)).equals(png)).toBe(true);
  });

  it('decodes back to the exact code, as a scanner reads it', async () => {
    const image = PNG.sync.read(await ticketQrPng(code));
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(decoded?.data).toBe(code);
    expect(decoded?.version).toBe(5);
    // The code's alphabet was chosen for the dense alphanumeric mode; byte mode would mean a bigger symbol.
    expect(decoded?.chunks.map((c) => c.type)).toEqual(['alphanumeric']);
  });
});
