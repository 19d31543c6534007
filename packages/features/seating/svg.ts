import sanitizeHtml from 'sanitize-html';

const SHAPES = ['svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc', 'defs', 'use', 'symbol'];
const PAINT = ['linearGradient', 'radialGradient', 'stop', 'clipPath'];
const ATTRIBUTES = [
  'id', 'class', 'x', 'y', 'width', 'height', 'cx', 'cy', 'r', 'rx', 'ry', 'x1', 'y1', 'x2', 'y2', 'points', 'd',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray',
  'transform', 'viewBox', 'xmlns', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline',
  'offset', 'stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform', 'preserveAspectRatio', 'clip-path', 'clipPathUnits',
  'href', 'xlink:href', 'xmlns:xlink', 'data-seat-guid', 'data-section-id', 'data-table-guid',
];
/** Attributes whose value may point elsewhere: only a fragment of this same document may stay. */
const REFERENCES = new Set(['href', 'xlink:href']);
const PAINT_REFERENCES = new Set(['fill', 'stroke', 'clip-path']);

/**
 * The map's SVG for display, sanitised with sanitize-html: SVG drawing tags
 * and presentation attributes only — no script, style, foreignObject, image
 * or animation tags, no `on*` handlers, no `style` attribute, and no external
 * references: `href`/`xlink:href` survive only as `#fragment`, paint `url()`
 * only as `url(#fragment)`.
 */
export function sanitizeSvg(svg: string): string {
  return sanitizeHtml(svg, {
    allowedTags: [...SHAPES, ...PAINT],
    allowedAttributes: { '*': ATTRIBUTES },
    allowedSchemes: [],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    // No `style` attribute is allowed, so none is parsed: postcss is left out of the bundle (infra/stubs/postcss.cjs).
    parseStyleAttributes: false,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'foreignObject'],
    parser: { lowerCaseTags: false, lowerCaseAttributeNames: false, xmlMode: true },
    transformTags: {
      '*': (tagName, attribs) => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(attribs)) {
          const trimmed = value.trim();
          if (REFERENCES.has(name) && !/^#[A-Za-z0-9_.:-]*$/.test(trimmed)) continue;
          if (PAINT_REFERENCES.has(name) && /url\s*\(/i.test(trimmed) && !/^url\(\s*#[A-Za-z0-9_.:-]+\s*\)$/i.test(trimmed)) continue;
          kept[name] = value;
        }
        return { tagName, attribs: kept };
      },
    },
  });
}
