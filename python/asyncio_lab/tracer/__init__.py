"""Record the life of every task while some code runs: the plain API under ``%%timeline``.

For each task: who created it, each step it ran (start, end), each suspension
(the learner's line, what it awaited) and how it ended (result, exception,
cancelled).  Usable without IPython::

    from asyncio_lab import tracer
    async with tracer.trace() as tr:
        await asyncio.gather(*(work(i) for i in range(3)))
    tr.timeline.peak_in_flight(), tr.timeline.to_bundle()

How it works, and why this way
------------------------------
A custom task factory (``loop.set_task_factory``) would be the obvious hook, but
on Pyodide's WebLoop every ``create_task`` then raises (WebLoop calls the removed
``asyncio.tasks._set_task_name``).  ``sys.monitoring`` is missing on 3.11 and
reports every coroutine of an await chain, not tasks.  Wrapping each task's
coroutine in a timing object works everywhere, but adds an object per task
that the garbage collector tracks, and with 10,000 tasks that alone tips a
cell into an extra full collection of the kernel's heap.

So the tracer hooks the two places every task passes through, and adds no
object per task:

* **creation**: while tracing, the *running loop instance* gets its own
  ``create_task`` attribute (``asyncio.create_task``, ``ensure_future``,
  ``gather`` and ``TaskGroup`` all go through it), which lets the loop make the
  task as usual and then notes its creator and time in flat columns;
* **steps**: a task's step is a callback the loop runs through
  ``asyncio.Handle._run``, on every loop (CPython's and Pyodide's WebLoop,
  which runs each handle from a JavaScript timer).  While tracing, that method
  is replaced by one that times the callbacks that are steps of a traced task
  (``TaskStepMethWrapper``, or the task's wakeup method) and runs every other
  callback as before.

The task keeps its own coroutine, so reprs, ``get_coro()`` and
``asyncio.capture_call_graph`` see exactly what they would without tracing.
Finished tasks are not held: what is kept of them is their times, result or
exception, and (for the tasks listed in a payload) their name.  When tracing
stops both hooks are removed; tasks still running go on untraced.

A task made by instantiating ``asyncio.Task(...)`` directly does not pass through
``create_task``: it is recorded from its first step, with no known creator.  The
first step of an eager task (3.12+ eager task factories) runs inside
``create_task`` and is timed as part of it.
"""

from ._columns import MAX_STEPS, MAX_TASKS, TracingError
from ._describe import describe_awaited, describe_line  # noqa: F401
from ._record import Tracer, _orig_run, active, task_id, trace  # noqa: F401
from ._timeline import BUCKETS, TaskRecord, Timeline, _running_per_bucket  # noqa: F401

__all__ = ["MAX_STEPS", "MAX_TASKS", "TaskRecord", "Timeline", "Tracer", "TracingError", "trace", "task_id"]
