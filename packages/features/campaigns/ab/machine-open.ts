/**
 * Whether an SES open was made by a machine rather than a person, so the A/B open rate counts people only:
 *
 * 1. too soon: within CAMPAIGN_MACHINE_OPEN_SECONDS (default 10) of the delivery, or of the send when no
 *    delivery is recorded yet — a person does not open a mail seconds after it lands, a prefetching proxy
 *    or a link scanner does;
 * 2. Apple Mail Privacy Protection: its proxies fetch every mail's images with the bare user agent
 *    `Mozilla/5.0` from Apple's 17.0.0.0/8 network;
 * 3. a known proxy or security scanner in the user agent (Yahoo's prefetching proxy, Barracuda, Mimecast,
 *    Proofpoint, Symantec/MessageLabs, Trend Micro, Forcepoint, or a declared bot/crawler/scanner).
 *
 * Gmail's image proxy (`GoogleImageProxy`) loads images when the person opens the mail, so it counts as a person.
 */
const SCANNERS = /YahooMailProxy|Barracuda|Mimecast|Proofpoint|Symantec|MessageLabs|Trend ?Micro|Forcepoint|\b(bot|crawler|spider|scanner)\b/i;

export function machineOpenSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.CAMPAIGN_MACHINE_OPEN_SECONDS || 10);
  return Number.isFinite(n) && n >= 0 ? n : 10;
}

export interface OpenFacts {
  openedAt: string;
  userAgent?: string | undefined;
  ipAddress?: string | undefined;
  /** When the mail was delivered (the engagement item), else when it was sent (the recipient item). */
  deliveredAt?: string | undefined;
  sentAt?: string | undefined;
}

export function isMachineOpen(open: OpenFacts, env: NodeJS.ProcessEnv = process.env): boolean {
  const since = open.deliveredAt ?? open.sentAt;
  if (since && Date.parse(open.openedAt) - Date.parse(since) < machineOpenSeconds(env) * 1000) return true;
  const agent = open.userAgent?.trim() ?? '';
  if (agent === 'Mozilla/5.0' && (open.ipAddress === undefined || open.ipAddress.startsWith('17.'))) return true;
  return SCANNERS.test(agent);
}
