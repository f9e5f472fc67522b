"""A cheap, automatic coach: explains classic asyncio mistakes under the cell that made them.

Enabled by ``%load_ext asyncio_lab``; ``%coach on|off|status``.  Around each cell
(IPython's ``pre_run_cell``/``post_run_cell`` events) it watches, and when it
finds something it displays one ``application/vnd.asyncio-lab.coach+json``
bundle (with a ``text/plain`` fallback); when it finds nothing it shows nothing.

What it finds, and how
----------------------
- **A coroutine never awaited**: ``warnings._warn_unawaited_coroutine`` (what
  CPython calls when such a coroutine is destroyed) is wrapped during the cell,
  with coroutine origin tracking (depth 1) so the line that *created* it is
  known.  Warnings the learner silences or records (``catch_warnings``,
  ``simplefilter("ignore")``) are respected.
- **A task whose exception nobody retrieved**: tasks created during the cell are
  noted (the running loop's ``create_task`` is wrapped on the instance: no task
  factory, which breaks Pyodide).  After the cell, a failed task whose exception
  was never looked at (``Future._log_traceback``) is reported; if nothing in
  the notebook refers to it, it is then marked as seen, so Python does not
  print "Task exception was never retrieved" later under another cell.  Errors
  the loop reports during the cell (``call_exception_handler``) are explained
  too, including Pyodide's "Unhandled exception" printed as soon as a task
  fails, even when the code awaits it later (then it says it can be ignored).
- **Tasks still running when the cell ended**, reported once, only when no
  variable of the notebook holds them (directly, or in a list, tuple, set or
  dict): a task kept in a variable was clearly kept on purpose (a background
  worker for the next cells, as lessons do), while a task nobody holds is the
  fire-and-forget mistake (it may be garbage collected mid-way, its errors go
  unseen).
- **A step that blocked the loop**: a heartbeat ``call_later`` every 50 ms
  measures the loop's lag (works on WebLoop); a lag over the threshold in a cell
  that awaits or makes tasks is reported.  On CPython a watchdog thread samples
  the loop thread's stack during the block to name the line; on Pyodide (no
  threads) the line comes from the cell's source (``time.sleep`` and similar).
- **``asyncio.run``, ``run_until_complete``, ``new_event_loop``, ``Runner``,
  ``set_task_factory``** in a cell: from the cell's syntax tree, before it runs;
  a call inside a ``try`` with an ``except`` is a deliberate demonstration and is
  left alone.
- **On Pyodide**: threads, signal handlers, sockets and subprocesses (which
  raise there) and ``to_thread``/``run_in_executor`` (which run inline and block)
  are explained when the cell actually calls them.

The cost per cell is a few attribute patches, one timer every 50 ms while the
cell runs, and a syntax-tree walk only when the cell's text mentions one of the
names above.

Where things are: :mod:`._analysis` (:class:`Finding`, the syntax-tree checks),
:mod:`._coach` (:class:`Coach`: the watching around each cell), :mod:`._shells`
(one coach per shell: :func:`enable`, :func:`disable`, :func:`excused`, ...).
"""

from ._analysis import Finding, analyze_source, blocking_calls, bundle  # noqa: F401
from ._coach import _ORIGINAL_SHOW, BEAT, BLOCK_THRESHOLD, MAX_FINDINGS, Coach  # noqa: F401
from ._shells import configure, disable, enable, excused, get, status  # noqa: F401

__all__ = ["Coach", "Finding", "analyze_source", "configure", "disable", "enable", "status"]
