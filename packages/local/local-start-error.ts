/** A start-up failure with a message meant for the person at the terminal. */
export class LocalStartError extends Error {
  override name = 'LocalStartError';
}
