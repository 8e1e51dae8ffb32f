/** Waiting on a shared Int32Array slot that a worker thread sets (the test's side of a flag). */

// Atomics.waitAsync is in Node 20 but in TypeScript's ES2024 lib, newer than ours.
const waitAsync = (
  Atomics as unknown as {
    waitAsync(array: Int32Array, index: number, value: number): { async: boolean; value: Promise<string> | string };
  }
).waitAsync;

/** Resolves once `flag[index]` is no longer `from` (at once if it already is not). */
export async function flagChanged(flag: Int32Array, index: number, from = 0): Promise<void> {
  await waitAsync(flag, index, from).value;
}
