import { exportAuditEvents as route } from '#packages/features/audit/routes.ts';
import { exportAudit } from '#packages/features/audit/audit-export.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => {
  const file = await exportAudit(query);
  const extension = query.format === 'csv' ? 'csv' : 'jsonl';
  return {
    status: 200,
    rawBody: file.body,
    headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="audit.${extension}"`, 'x-rows': String(file.rows) },
  };
});
