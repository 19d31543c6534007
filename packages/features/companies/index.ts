/** What other features may use of this one (besides its contract); everything else is internal. */
export { companyContactsDelta } from './company-links.ts';
export { ensureCompanyByDomain, findCompanyByDomain } from './company-service.ts';
