// The error code a call must fail with, for tests of the service's error answers.

/** The `code` of the error `promise` rejects with; throws when it resolves. */
export async function failureCode(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: number }).code;
  }
  throw new Error('expected a failure');
}
