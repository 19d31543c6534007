/** What other features may use of this one (besides its contract): the public profiles the agenda's releases carry. */
export { publicExhibitors } from './public-profiles.ts';
