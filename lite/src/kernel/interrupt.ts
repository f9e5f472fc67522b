/**
 * The Python half of interrupting a cell in the site's kernel, run once in
 * the worker after IPython has started (see `OfflineRemoteKernel`).
 *
 * A cell can be stuck in two ways, and each needs its own way in:
 *
 * - it keeps Python busy (`while True: pass`, a long computation, `time.sleep`
 *   without stack switching): only Pyodide's interrupt buffer reaches it,
 *   which needs a cross-origin isolated page (shared memory). Python checks
 *   the buffer between bytecodes; `time.sleep` waits on the buffer itself
 *   (`Atomics.wait`), so it wakes at once instead of sleeping on.
 * - it waits (`await asyncio.sleep(1e6)`, a `%%check` whose code never
 *   finishes, `time.sleep` with stack switching): Python is idle and never
 *   looks at the buffer. The worker, free to read messages, calls
 *   `interrupt()`: a waiting `time.sleep` ends with `KeyboardInterrupt`; any
 *   other wait is cancelled, which unwinds the cell's awaits (and the tasks
 *   it awaits) and is shown as the `KeyboardInterrupt` it stands for.
 */
export const INTERRUPT_PY = String.raw`
import asyncio
import sys
import time
from functools import wraps

import pyodide_kernel
from pyodide.ffi import can_run_sync, run_sync


class _Interrupted(Exception):
    # Ends a stack-switched time.sleep. Not KeyboardInterrupt itself, which
    # asyncio re-raises out of the task running the sleep, into the loop.
    pass


class CellInterrupter:
    def __init__(self, wait=None, take=None):
        # wait(ms) -> true once an interrupt is pending (or false after ms);
        # take() -> true if one was pending, and clears it. None without a buffer.
        self._wait = wait
        self._take = take
        self._task = None
        self._cancelled = False
        self._sleeps = set()
        kernel = pyodide_kernel.kernel_instance
        shell = kernel.interpreter
        run = kernel.run
        show = shell.showtraceback

        async def run_cell(code):
            self._task = asyncio.current_task()
            self._cancelled = False
            try:
                return await run(code)
            finally:
                self._task = None

        def showtraceback(exc_tuple=None, *args, **kwargs):
            # A cell unwound by interrupt() ends as KeyboardInterrupt, at the
            # line where it was waiting.
            if self._cancelled:
                etype, value, tb = exc_tuple if exc_tuple is not None else sys.exc_info()
                if isinstance(value, asyncio.CancelledError):
                    self._cancelled = False
                    exc_tuple = (KeyboardInterrupt, KeyboardInterrupt().with_traceback(tb), tb)
            return show(exc_tuple, *args, **kwargs)

        kernel.run = run_cell
        shell.showtraceback = showtraceback
        self._blocking_sleep = _pyodide_sleep if wait is None else self._wait_sleep

        @wraps(_pyodide_sleep)
        def sleep(secs, /):
            __tracebackhide__ = True
            return self._sleep(secs)

        time.sleep = sleep

    def _sleep(self, secs, /):
        __tracebackhide__ = True
        if can_run_sync():
            # Stack switching: the loop goes on while this cell sleeps.
            try:
                return run_sync(self._sleep_async(secs))
            except _Interrupted:
                raise KeyboardInterrupt from None
        return self._blocking_sleep(secs)

    async def _sleep_async(self, secs):
        __tracebackhide__ = True
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        timer = loop.call_later(secs, lambda: done.done() or done.set_result(None))
        self._sleeps.add(done)
        try:
            await done
        finally:
            timer.cancel()
            self._sleeps.discard(done)

    def _wait_sleep(self, secs):
        __tracebackhide__ = True
        if not isinstance(secs, (int, float)) or not secs >= 0:
            # The built-in names what is wrong with the argument.
            return _pyodide_sleep(secs)
        deadline = time.monotonic() + secs
        while (left := deadline - time.monotonic()) > 0:
            if self._wait(min(left, 3600.0) * 1000) and self._take():
                raise KeyboardInterrupt

    def interrupt(self):
        """Interrupt the cell waiting now; false if no cell is running."""
        task = self._task
        if task is None or task.done():
            return False
        if self._sleeps:
            for done in list(self._sleeps):
                if not done.done():
                    done.set_exception(_Interrupted())
            return True
        self._cancelled = True
        task.cancel()
        return True


# Pyodide's own: stack switching when it can, else a busy wait.
_pyodide_sleep = time.sleep
`;
