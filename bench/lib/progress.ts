/** Progress goes to stderr so stdout stays free for anything piped. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
