/**
 * Makes `Atomics.waitAsync` always answer with a promise, on the page, and
 * settle only once the other side has finished writing.
 *
 * The cross-origin isolated transport (coincident 1.2.3) waits for each of
 * the worker's replies with `Atomics.waitAsync(buffer, 0).value.then(...)`:
 * the worker writes its reply into the shared buffer (the first slot changes
 * with the first characters), then notifies. When the page starts waiting
 * after the worker has begun (the page's thread was descheduled between
 * posting and waiting: common on a loaded machine), `waitAsync` answers at
 * once with 'not-equal'; coincident then throws "value.then is not a
 * function" and the request never completes (the notebook shows the kernel
 * busy for ever), and settling at once instead would read a half-written
 * reply. So in that case this waits for the worker's notification, briefly
 * in case it has already come.
 *
 * coincident reads `Atomics.waitAsync` when it loads, so this runs before
 * the kernel's chunk (which holds coincident) is imported. Nothing else on
 * the page uses `waitAsync`.
 */

type WaitAsync = (
  typedArray: Int32Array,
  index: number,
  value: number,
  timeout?: number
) => { async: boolean; value: unknown };

/**
 * How long to wait for a notification that may already have come (ms).
 */
const SETTLE_MS = 250;

export function alwaysAsyncWaits(): void {
  const atomics = Atomics as unknown as { waitAsync?: WaitAsync };
  const original = atomics.waitAsync?.bind(Atomics);
  if (!original || (atomics.waitAsync as { patched?: boolean }).patched) {
    return;
  }
  const patched: WaitAsync = (typedArray, index, value, timeout) => {
    const result = original(typedArray, index, value, timeout);
    if (result.async) {
      return result;
    }
    if (result.value === 'not-equal') {
      // The writer has started: wait for its notification, which ends its
      // write. The first slot may still change while it writes: retry.
      for (let attempt = 0; attempt < 8; attempt++) {
        const current = Atomics.load(typedArray, index);
        const settled = original(typedArray, index, current, SETTLE_MS);
        if (settled.async) {
          return settled;
        }
      }
    }
    return { async: true, value: Promise.resolve(result.value) };
  };
  (patched as { patched?: boolean }).patched = true;
  atomics.waitAsync = patched;
}
