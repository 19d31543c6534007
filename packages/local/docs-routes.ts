import { readFile, realpath, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { LocalRoute } from './http-server.ts';

const ASSETS_PREFIX = '/docs/assets/';

/** Served from node_modules so the page works offline; nothing is fetched from a CDN. */
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const contentTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

// validatorUrl: null keeps Swagger UI from sending the document to validator.swagger.io.
const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>EventOS API</title>
  <link rel="stylesheet" href="${ASSETS_PREFIX}swagger-ui.css">
  <link rel="icon" type="image/png" href="${ASSETS_PREFIX}favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="${ASSETS_PREFIX}favicon-16x16.png" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${ASSETS_PREFIX}swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: '/openapi.json',
      dom_id: '#swagger-ui',
      deepLinking: true,
      persistAuthorization: true,
      validatorUrl: null,
    });
  </script>
</body>
</html>
`;

function notFound(res: ServerResponse, path: string): void {
  res.writeHead(404, { 'content-type': 'application/problem+json' });
  res.end(
    JSON.stringify({ type: 'https://eventos.dev/problems/not_found', title: 'Not found', status: 404, detail: `No docs asset ${path}`, code: 'not_found' }),
  );
}

/** The file under `root` that `name` names, or null when it is not a plain file inside it. */
async function fileInside(root: string, name: string): Promise<string | null> {
  if (name.includes('\0')) return null;
  try {
    const [realRoot, file] = await Promise.all([realpath(root), realpath(resolve(root, name))]);
    const rel = relative(realRoot, file);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** The human docs page (Swagger UI over GET /openapi.json), local runner only. */
export function docsRoutes(): LocalRoute[] {
  const sendPage: LocalRoute['handle'] = (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  };
  return [
    { method: 'GET', path: '/docs', handle: sendPage },
    { method: 'GET', path: '/docs/', handle: sendPage },
    {
      method: 'GET',
      path: `${ASSETS_PREFIX}*`,
      handle: async (_req, res, url) => {
        let name: string;
        try {
          name = decodeURIComponent(url.pathname.slice(ASSETS_PREFIX.length));
        } catch {
          return notFound(res, url.pathname);
        }
        const type = contentTypes[extname(name)];
        const file = type ? await fileInside(swaggerUiDir, name) : null;
        if (!type || !file) return notFound(res, url.pathname);
        res.writeHead(200, { 'content-type': type, 'cache-control': 'public, max-age=3600' });
        res.end(await readFile(file));
      },
    },
  ];
}
