import type { BenchSection } from '../lib/section.ts';
import { bundlesSection } from './bundles.ts';
import { campaignsSection } from './campaigns.ts';
import { checkInsSection } from './check-ins.ts';
import { contactsSection } from './contacts.ts';
import { coldStartsSection } from './cold-starts.ts';
import { httpLatencySection } from './http-latency.ts';
import { ordersSection } from './orders.ts';
import { crmSegmentsSection } from './crm-segments.ts';
import { crmTimelineSection } from './crm-timeline.ts';
import { webhooksSection } from './webhooks.ts';
import { seatsSection } from './seats.ts';
import { dataSection } from './data.ts';
import { sessionsSection } from './sessions.ts';
import { analyticsSection } from './analytics.ts';

/** Run order and RESULTS.md order. A new section is a file here plus one line below. */
export const sections: BenchSection<unknown>[] = [bundlesSection, coldStartsSection, httpLatencySection, ordersSection, checkInsSection, contactsSection, crmSegmentsSection, crmTimelineSection, campaignsSection, webhooksSection, seatsSection, dataSection, sessionsSection, analyticsSection];
