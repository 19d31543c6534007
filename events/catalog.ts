import * as z from 'zod/mini';
import { analyticsCatalog } from './catalog/analytics.ts';
import { conferenceCatalog } from './catalog/conference.ts';
import { crmCatalog } from './catalog/crm.ts';
import { lifecycleCatalog } from './catalog/lifecycle.ts';
import { marketingCatalog } from './catalog/marketing.ts';
import { nightlifeCatalog } from './catalog/nightlife.ts';
import { tradeshowCatalog } from './catalog/tradeshow.ts';
import type { CatalogEntry, promoterAttribution } from './catalog/shapes.ts';

export type { CatalogEntry } from './catalog/shapes.ts';

/**
 * Every domain event the product emits: detail-type → source, version, the
 * zod schema of `detail.data` (built on first read) and an example (a test
 * parses each example). One file per area under events/catalog/.
 */
export const catalog = {
  ...lifecycleCatalog,
  ...crmCatalog,
  ...marketingCatalog,
  ...nightlifeCatalog,
  ...conferenceCatalog,
  ...tradeshowCatalog,
  ...analyticsCatalog,
} satisfies Record<string, CatalogEntry>;

export type PromoterAttribution = z.infer<ReturnType<typeof promoterAttribution>>;
export type DetailType = keyof typeof catalog;
export type EventData<T extends DetailType> = z.infer<(typeof catalog)[T]['data']>;

export const detailTypes = Object.keys(catalog) as DetailType[];
