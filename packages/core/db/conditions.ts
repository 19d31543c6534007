/** ElectroDB wraps the SDK error; a failed condition shows up as the cause (or the error itself). */
export function isConditionFailure(error: unknown): boolean {
  const names = [(error as { name?: string })?.name, (error as { cause?: { name?: string } })?.cause?.name];
  return names.includes('ConditionalCheckFailedException');
}

/**
 * Runs a conditional write: true when it was written, false when its condition
 * failed (someone else got there first, or it is already done); any other error is thrown.
 */
export async function writtenIfCondition(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
