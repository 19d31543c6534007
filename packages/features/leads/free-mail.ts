import { normalizeDomain } from '#packages/core/domain-name.ts';

/**
 * Mailbox providers whose domain says nothing about the sender's company.
 * Deliberately short: the common consumer providers; anything else is taken
 * as a company domain, which the salesperson can correct on the lead.
 */
const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.fr',
  'yahoo.es',
  'ymail.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'hotmail.es',
  'outlook.com',
  'outlook.es',
  'live.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'yandex.com',
  'yandex.ru',
  'zoho.com',
  'qq.com',
  '163.com',
  'fastmail.com',
]);

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL.has(domain.toLowerCase());
}

/** The lead's company domain: the one given (normalized), else the email's unless it is free mail. */
export function companyDomainFor(email: string, given: string | undefined): string | undefined {
  if (given !== undefined) return normalizeDomain(given);
  const fromEmail = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  if (!fromEmail || isFreeMailDomain(fromEmail)) return undefined;
  try {
    return normalizeDomain(fromEmail);
  } catch {
    return undefined; // an address like a@localhost names no company
  }
}
