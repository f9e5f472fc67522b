"""The coach of one shell: what it watches around each cell, and what it then explains."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
import warnings
from typing import Any

from .._patch import Patches, is_kernel_task, is_learner_file
from ..platform import IN_BROWSER
from ._analysis import _TRIGGERS, Finding, _cell_body, analyze_source, blocking_calls, bundle

BLOCK_THRESHOLD = 0.25
BEAT = 0.05
MAX_FINDINGS = 12


# --------------------------------------------------------------------------- per-cell state


def _task_label(task) -> str:
    coro = task.get_coro()
    code = getattr(coro, "cr_code", None)
    fn = getattr(code, "co_qualname", None) or getattr(code, "co_name", None)
    name = task.get_name()
    return f"{name!r} ({fn}())" if fn else repr(name)


class _Cell:
    """What the coach saw during one cell."""

    def __init__(self, coach: "Coach", raw: str):
        self.coach = coach
        self.raw = raw
        self.findings: list[Finding] = []
        self.tasks: list[asyncio.Task] = []
        self.handler_contexts: list[tuple[dict, Any]] = []
        self.unawaited: list[tuple[str, str | None, int | None, str | None]] = []
        self.blocks: list[float] = []
        self.block_lines: list[tuple[str, int, str]] = []
        self.pyodide_calls: list[tuple[str, str, str | None, int | None, float]] = []
        self.patches = Patches()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.next_beat = 0.0
        self.beat_handle = None
        self.known_files: set[str] = set()
        self.origin_depth = 0


class Coach:
    """The coach of one IPython shell."""

    def __init__(self, shell):
        self.shell = shell
        self.enabled = False
        self.block_threshold = BLOCK_THRESHOLD
        self.cell: _Cell | None = None
        self.last: list[Finding] = []
        self._watchdog: threading.Thread | None = None
        self._watch_stop = threading.Event()
        self._last_tick = 0.0
        self._loop_thread: int | None = None
        self._episode_sampled = -1.0

    # ------------------------------------------------------------------ switching
    def enable(self) -> None:
        if self.enabled:
            return
        events = self.shell.events
        events.register("pre_run_cell", self.pre_run_cell)
        events.register("post_run_cell", self.post_run_cell)
        # IPython triggers post_run_cell only from run_cell; ipykernel triggers it after
        # run_cell_async, but the Pyodide kernel does not: finish the cell when
        # run_cell_async returns (the event, if it comes, then finds nothing to do).
        orig = self.shell.run_cell_async
        coach = self

        async def run_cell_async(*args, **kwargs):
            result = None
            try:
                result = await orig(*args, **kwargs)
                return result
            finally:
                coach.post_run_cell(result)

        run_cell_async.__wrapped__ = orig
        self._shell_patches = Patches()
        self._shell_patches.set(self.shell, "run_cell_async", run_cell_async)
        # Installed for as long as the coach is on, so a coroutine made in a cell and
        # collected later still gets Python's usual wording (see the hook).
        self._shell_patches.set(warnings, "_warn_unawaited_coroutine", self._unawaited_hook(warnings._warn_unawaited_coroutine))
        self.enabled = True

    def disable(self) -> None:
        if not self.enabled:
            return
        events = self.shell.events
        for name, cb in (("pre_run_cell", self.pre_run_cell), ("post_run_cell", self.post_run_cell)):
            try:
                events.unregister(name, cb)
            except ValueError:
                pass
        self._shell_patches.restore()
        self._end_cell()
        self._watch_stop.set()
        self._watchdog = None
        self.enabled = False

    # ------------------------------------------------------------------ events
    def pre_run_cell(self, info=None) -> None:
        try:
            self._begin_cell(getattr(info, "raw_cell", "") or "")
        except Exception:  # the coach must never break a cell
            self._end_cell()

    def post_run_cell(self, result=None) -> None:
        cell = self.cell
        if cell is None:
            return
        try:
            findings = self._finish(cell, result)
        except Exception:  # pragma: no cover - never break a cell
            findings = []
        finally:
            self._end_cell()
        self.last = findings
        if findings:
            from IPython.display import display

            display(bundle(findings), raw=True)

    # ------------------------------------------------------------------ begin / end
    def _begin_cell(self, raw: str) -> None:
        self._end_cell()
        cell = self.cell = _Cell(self, raw)
        parsed = _cell_body(raw, self.shell) if any(t in raw for t in _TRIGGERS) else None
        if parsed is not None:
            cell.findings.extend(analyze_source(*parsed))
        cell.known_files = set(getattr(self.shell.compile, "_filename_map", {}))
        # unawaited coroutines: origin tracking on for the cell (the hook is installed by enable())
        cell.origin_depth = sys.get_coroutine_origin_tracking_depth()
        if cell.origin_depth < 1:
            sys.set_coroutine_origin_tracking_depth(1)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        cell.loop = loop
        if loop is None:
            return
        try:
            orig_create = loop.create_task

            def create_task(coro, **kwargs):
                task = orig_create(coro, **kwargs)
                cell.tasks.append(task)
                return task

            cell.patches.set(loop, "create_task", create_task)
            orig_handler = loop.call_exception_handler
            handler_at_start = loop.get_exception_handler()

            def call_exception_handler(context):
                # Errors go to a handler the cell installed (a check collecting the loop's
                # errors, or the learner's own): that code deals with them, not the coach.
                if loop.get_exception_handler() is handler_at_start:
                    exc = context.get("exception")
                    cell.handler_contexts.append((dict(context), getattr(exc, "__traceback__", None)))
                return orig_handler(context)

            cell.patches.set(loop, "call_exception_handler", call_exception_handler)
            if IN_BROWSER:
                self._watch_pyodide(cell, loop)
        except AttributeError:  # a loop without instance attributes (uvloop): task checks off
            pass
        now = loop.time()
        cell.next_beat = now + BEAT
        self._last_tick = time.perf_counter()
        cell.beat_handle = loop.call_later(BEAT, self._beat, cell)
        if not IN_BROWSER:
            self._loop_thread = threading.get_ident()
            self._start_watchdog()

    def _end_cell(self) -> None:
        cell = self.cell
        if cell is None:
            return
        self.cell = None
        if cell.beat_handle is not None:
            cell.beat_handle.cancel()
            cell.beat_handle = None
        cell.patches.restore()
        if sys.get_coroutine_origin_tracking_depth() != cell.origin_depth:
            sys.set_coroutine_origin_tracking_depth(cell.origin_depth)
        self._loop_thread = None

    # ------------------------------------------------------------------ blocking: heartbeat + watchdog
    def _beat(self, cell: _Cell) -> None:
        if self.cell is not cell or cell.loop is None:
            return
        now = cell.loop.time()
        lag = now - cell.next_beat
        if lag > self.block_threshold:
            cell.blocks.append(lag)
        self._last_tick = time.perf_counter()
        cell.next_beat = now + BEAT
        cell.beat_handle = cell.loop.call_later(BEAT, self._beat, cell)

    def _forgive(self) -> None:
        """The loop was busy with asyncio-lab's own work until now: that is not a block."""
        cell = self.cell
        if cell is not None and cell.loop is not None:
            cell.next_beat = max(cell.next_beat, cell.loop.time())
            self._last_tick = time.perf_counter()

    def _start_watchdog(self) -> None:
        if self._watchdog is not None and self._watchdog.is_alive():
            return
        self._watch_stop.clear()
        self._watchdog = threading.Thread(target=self._watch, name="asyncio-lab-coach", daemon=True)
        self._watchdog.start()

    def _watch(self) -> None:
        """Sample the loop thread's stack while a heartbeat is overdue (CPython only)."""
        while not self._watch_stop.wait(self.block_threshold / 2):
            cell = self.cell
            ident = self._loop_thread
            if cell is None or ident is None:
                continue
            tick = self._last_tick
            if time.perf_counter() - tick < self.block_threshold + BEAT or self._episode_sampled == tick:
                continue
            frame = sys._current_frames().get(ident)
            while frame is not None and not is_learner_file(frame.f_code.co_filename):
                frame = frame.f_back
            if frame is not None and self.cell is cell:
                self._episode_sampled = tick
                cell.block_lines.append((frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name))

    # ------------------------------------------------------------------ hooks
    def _unawaited_hook(self, orig):
        coach = self

        def _warn_unawaited_coroutine(coro):
            # Called by CPython (from C) when a never-awaited coroutine is destroyed.
            try:
                cell = coach.cell
                if cell is not None and not _silenced(coro):
                    origin = getattr(coro, "cr_origin", None) or ()
                    where = next(((f, n, fn) for f, n, fn in origin if is_learner_file(f)), None)
                    if where is None:
                        frame = sys._getframe(1)
                        while frame is not None and not is_learner_file(frame.f_code.co_filename):
                            frame = frame.f_back
                        if frame is not None:
                            where = (frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name)
                    name = getattr(coro, "__qualname__", "?")
                    cell.unawaited.append((name, *(where or (None, None, None))))
                learner_depth = cell.origin_depth if cell is not None else sys.get_coroutine_origin_tracking_depth()
            except Exception:  # pragma: no cover
                learner_depth = 0
            # The warning itself, as CPython's own helper words it (stacklevel=2 from here
            # is the frame that dropped the coroutine, as with the original); the
            # "created at" lines only if the learner turned origin tracking on.
            msg_lines = [f"coroutine '{coro.__qualname__}' was never awaited\n"]
            origin = coro.cr_origin if learner_depth else None
            if origin is not None:
                import linecache
                import traceback

                extract = [(f, n, fn, linecache.getline(f, n)) for f, n, fn in reversed(origin)]
                msg_lines.append("Coroutine created at (most recent call last)\n")
                msg_lines += traceback.format_list(extract)
            msg = "".join(msg_lines).rstrip("\n")
            warnings.warn(msg, category=RuntimeWarning, stacklevel=2, source=coro)

        _warn_unawaited_coroutine.__wrapped__ = orig
        return _warn_unawaited_coroutine

    def _watch_pyodide(self, cell: _Cell, loop) -> None:
        """On Pyodide: note threads, signals, sockets, subprocesses and executors the cell uses."""

        def wrap(kind: str, name: str, orig, timed: bool = False):
            def wrapper(*args, **kwargs):
                frame = sys._getframe(1)
                while frame is not None and not is_learner_file(frame.f_code.co_filename):
                    frame = frame.f_back
                file = frame.f_code.co_filename if frame is not None else None
                line = frame.f_lineno if frame is not None else None
                target = ""
                if kind == "executor" and len(args) > 1:
                    from ..virtualclock import _callable_name

                    target = _callable_name(args[1])
                t0 = time.perf_counter()
                try:
                    return orig(*args, **kwargs)
                finally:
                    cell.pyodide_calls.append((kind, name if not target else target, file, line, time.perf_counter() - t0))

            return wrapper

        p = cell.patches
        p.set(loop, "run_in_executor", wrap("executor", "run_in_executor", loop.run_in_executor))
        for name in ("add_signal_handler",):
            if hasattr(loop, name):
                p.set(loop, name, wrap("signal", name, getattr(loop, name)))
        for name in ("create_connection", "create_server", "create_datagram_endpoint", "create_unix_connection",
                     "create_unix_server", "sock_connect", "sock_accept"):
            if hasattr(loop, name):
                p.set(loop, name, wrap("socket", name, getattr(loop, name)))
        for name in ("subprocess_exec", "subprocess_shell"):
            if hasattr(loop, name):
                p.set(loop, name, wrap("subprocess", name, getattr(loop, name)))
        p.set(threading.Thread, "start", wrap("thread", "Thread.start", threading.Thread.start))

    # ------------------------------------------------------------------ after the cell
    def _where(self, cell: _Cell, filename: str | None, line: int | None) -> tuple[int | None, str]:
        """(line in this cell or None, ' (in cell In [n], line k)' or '')."""
        if filename is None or line is None:
            return None, ""
        fmap = getattr(self.shell.compile, "_filename_map", {})
        if filename in fmap and filename not in cell.known_files:
            return line, ""
        if filename in fmap:
            return None, f" (in cell In [{fmap[filename]}], line {line})"
        return None, f" ({filename.rsplit('/', 1)[-1]}, line {line})"

    def _finish(self, cell: _Cell, result) -> list[Finding]:
        findings = list(cell.findings)
        loop = cell.loop
        # a block at the very end of the cell (no beat since); not after an error, when
        # the time went into formatting the traceback
        error = getattr(result, "error_in_exec", None) or getattr(result, "error_before_exec", None)
        if loop is not None and cell.beat_handle is not None and error is None:
            lag = loop.time() - cell.next_beat
            if lag > self.block_threshold:
                cell.blocks.append(lag)
        for name, file, line, fn in cell.unawaited:
            at, elsewhere = self._where(cell, file, line)
            findings.append(Finding(
                "never-awaited", "warning", at, f"Coroutine {name}() was never awaited",
                f"Calling an `async def` function only creates a coroutine object; nothing runs until it "
                f"is awaited (`await {name}(...)`) or wrapped in a task (`asyncio.create_task(...)`)"
                f"{elsewhere}. This one was dropped without running.",
            ))
        findings.extend(self._task_findings(cell, result))
        findings.extend(self._block_findings(cell, result))
        findings.extend(self._pyodide_findings(cell))
        seen = set()
        unique = []
        for f in findings:
            key = (f.kind, f.line, f.title)
            if key not in seen:
                seen.add(key)
                unique.append(f)
        return unique[:MAX_FINDINGS]

    def _kept(self) -> set[int]:
        """ids of the futures the notebook's variables hold (directly or in a container)."""
        kept: set[int] = set()
        for key, value in list(self.shell.user_ns.items()):
            if key.startswith("_") or key in ("In", "Out"):
                continue
            if isinstance(value, asyncio.Future):
                kept.add(id(value))
                for child in getattr(value, "_children", None) or ():
                    kept.add(id(child))
            elif isinstance(value, (list, tuple, set, frozenset, dict)):
                items = value.values() if isinstance(value, dict) else value
                for n, item in enumerate(items):
                    if n > 10_000:
                        break
                    if isinstance(item, asyncio.Future):
                        kept.add(id(item))
        return kept

    def _task_findings(self, cell: _Cell, result) -> list[Finding]:
        out: list[Finding] = []
        tasks = [t for t in cell.tasks if not is_kernel_task(t) and t.get_name() not in ("cell", "checks")]
        kept = self._kept() if tasks else set()
        # Exceptions the loop reported while the cell ran, with their traceback at that
        # moment: Pyodide's WebLoop reports (and marks retrieved) a task's exception as
        # soon as the task fails with nothing waiting; if the code awaits the task later,
        # the exception is raised again and its traceback grows.
        reported = {id(ctx["exception"]): tb for ctx, tb in cell.handler_contexts if ctx.get("exception") is not None}
        handled: set[int] = set()
        for t in tasks:
            if not t.done() or t.cancelled():
                continue
            exc = getattr(t, "_exception", None)  # read without marking it retrieved
            if exc is None:
                continue
            if getattr(t, "_log_traceback", False):
                retrieved = False
            elif id(exc) in reported:
                retrieved = exc.__traceback__ is not reported[id(exc)]
            else:
                continue  # the code looked at it
            handled.add(id(exc))
            file, line = _raise_site(exc)
            at, elsewhere = self._where(cell, file, line)
            desc = _exc_text(exc)
            if retrieved:
                out.append(Finding(
                    "early-unhandled-report", "info", at, "You can ignore that “Unhandled exception” message",
                    f"Task {_task_label(t)} raised {desc}{elsewhere} before anything waited for it, and "
                    f"Pyodide prints an error as soon as that happens; your code did retrieve the "
                    f"exception afterwards, so nothing was lost.",
                ))
            elif id(t) in kept:
                out.append(Finding(
                    "exception-not-retrieved", "info", at, f"Task {_task_label(t)} failed; nobody has looked yet",
                    f"It raised {desc}{elsewhere}. You keep the task in a variable: `await` it (or call "
                    f"`.exception()`) to see and handle the error.",
                ))
            else:
                t._log_traceback = False  # explained here: no "never retrieved" later under another cell
                out.append(Finding(
                    "exception-not-retrieved", "warning", at, f"Task {_task_label(t)} failed and nobody noticed",
                    f"It raised {desc}{elsewhere}, but nothing awaited the task or asked for its result, "
                    f"so the error would go unseen. Keep a reference to every task and await it "
                    f"(`await task`, `asyncio.gather(...)` or a `TaskGroup`).",
                ))
        for ctx, _ in cell.handler_contexts:
            exc = ctx.get("exception")
            if exc is not None and id(exc) in handled:
                continue
            task = ctx.get("task") or ctx.get("future")
            message = ctx.get("message") or "Unhandled exception in event loop"
            file, line = _raise_site(exc) if exc is not None else (None, None)
            at, elsewhere = self._where(cell, file, line)
            what = f" {_exc_text(exc)}" if exc is not None else ""
            about = f" (from {_task_label(task)})" if isinstance(task, asyncio.Task) else ""
            out.append(Finding(
                "loop-error", "warning", at, message,
                f"The event loop caught{what}{about}{elsewhere} in code that nothing was awaiting, and could "
                f"only print it. Await the task (or handle errors inside the callback) to deal with it.",
            ))
        pending = [t for t in tasks if not t.done() and id(t) not in kept]
        if pending:
            names = ", ".join(_task_label(t) for t in pending[:5])
            more = f" and {len(pending) - 5} more" if len(pending) > 5 else ""
            line = None
            coro = pending[0].get_coro()
            origin = getattr(coro, "cr_origin", None) or ()
            for f, n, _ in origin:
                at, _ = self._where(cell, f, n)
                if at is not None:
                    line = at
                    break
            plural = len(pending) > 1
            out.append(Finding(
                "pending-tasks", "warning", line,
                f"{len(pending)} task{'s' if plural else ''} still running, and no variable holds {'them' if plural else 'it'}",
                f"{names}{more} {'were' if plural else 'was'} still running when the cell ended. The loop keeps "
                f"only a weak reference to a task: one that nothing holds can be garbage collected mid-way, "
                f"and its errors go unseen. Keep it in a variable and await it later (or await it in this "
                f"cell, with `await`, `asyncio.gather` or a `TaskGroup`).",
            ))
        return out

    def _block_findings(self, cell: _Cell, result) -> list[Finding]:
        if not cell.blocks:
            return []
        is_async = bool(cell.tasks)
        if not is_async:
            try:
                is_async = self.shell.should_run_async(cell.raw, transformed_cell=self.shell.transform_cell(cell.raw), preprocessing_exc_tuple=None)
            except Exception:
                is_async = False
        if not is_async:
            return []
        worst = max(cell.blocks)
        line = None
        elsewhere = ""
        detail = ""
        for file, n, fn in cell.block_lines:
            line, elsewhere = self._where(cell, file, n)
            if line is not None or elsewhere:
                detail = f" It was running {'`' + fn + '`' if fn not in ('<module>',) else 'the cell'}{elsewhere}."
                break
        if line is None and not detail:
            parsed = _cell_body(cell.raw, self.shell)
            calls = blocking_calls(*parsed) if parsed else []
            if calls:
                line, call = calls[0]
                detail = f" Likely culprit: {call}, which blocks the whole thread."
        return [Finding(
            "blocked-loop", "warning", line, f"The event loop was blocked for {worst:.2f} s",
            f"A step ran for {worst:.2f} s without reaching an `await`, so no other task (and nothing else "
            f"in the notebook) could run meanwhile.{detail} In async code wait with `await asyncio.sleep()`, "
            f"and move long computations out of the loop (`await asyncio.to_thread(...)` on CPython) or "
            f"split them with `await asyncio.sleep(0)`.",
        )]

    def _pyodide_findings(self, cell: _Cell) -> list[Finding]:
        out = []
        texts = {
            "executor": ("{name} ran inline: this Pyodide build cannot start threads",
                         "In the browser, asyncio.to_thread()/run_in_executor() cannot start a thread, so "
                         "Pyodide runs `{name}` right away on the event loop's only thread: it blocked "
                         "everything for {secs:.2f} s. On CPython the same code runs in a worker thread."),
            "thread": ("Threads are not available in the browser",
                       "This Pyodide build has no thread support, so starting a thread raises "
                       "RuntimeError. Use tasks (asyncio.create_task) for concurrency here."),
            "signal": ("Signal handlers are not available in the browser",
                       "There are no POSIX signals in the browser: loop.add_signal_handler() raises "
                       "NotImplementedError on Pyodide. On CPython (Unix, main thread) it works."),
            "socket": ("No sockets in the browser",
                       "Pyodide cannot open network sockets (loop.{name}() raises NotImplementedError "
                       "there); the lessons use in-memory stand-ins built from the same asyncio API."),
            "subprocess": ("No subprocesses in the browser",
                           "Pyodide cannot start processes (loop.{name}() raises NotImplementedError)."),
        }
        for kind, name, file, line, secs in cell.pyodide_calls:
            title, message = texts[kind]
            at, elsewhere = self._where(cell, file, line)
            out.append(Finding(f"pyodide-{kind}", "warning" if kind == "executor" else "info", at,
                               title.format(name=name), message.format(name=name, secs=secs) + elsewhere))
        return out

    # ------------------------------------------------------------------ status
    def status(self) -> str:
        state = "on" if self.enabled else "off"
        return f"asyncio coach is {state} (blocked-loop threshold {self.block_threshold:g} s)"


def _silenced(coro) -> bool:
    """True if the learner is recording or ignoring RuntimeWarnings right now."""
    if getattr(warnings, "_use_context", False):  # 3.14 context-aware warnings
        try:
            if warnings._get_context().log is not None:
                return True
        except Exception:
            pass
    impl = getattr(warnings, "_showwarnmsg_impl", None)
    if impl is not None and impl is not _ORIGINAL_SHOW:
        return True
    text = f"coroutine '{getattr(coro, '__qualname__', '')}' was never awaited"
    for action, msg, category, module, lineno in warnings.filters:
        if not issubclass(RuntimeWarning, category):
            continue
        if msg is not None and not msg.match(text):
            continue
        if module is not None or lineno:
            continue
        return action == "ignore"
    return False


_ORIGINAL_SHOW = getattr(warnings, "_showwarnmsg_impl", None)


def _raise_site(exc: BaseException | None) -> tuple[str | None, int | None]:
    """(file, line) of the innermost learner frame where ``exc`` was raised."""
    tb = getattr(exc, "__traceback__", None)
    found = (None, None)
    while tb is not None:
        code = tb.tb_frame.f_code
        if is_learner_file(code.co_filename):
            found = (code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _exc_text(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
