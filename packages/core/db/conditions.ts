/** ElectroDB wraps the SDK error; a failed condition shows up as the cause (or the error itself). */
export function isConditionFailure(error: unknown): boolean {
  const names = [(error as { name?: string })?.name, (error as { cause?: { name?: string } })?.cause?.name];
  return names.includes('ConditionalCheckFailedException');
}
