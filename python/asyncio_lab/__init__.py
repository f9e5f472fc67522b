"""asyncio-lab: kernel-side helpers for learning asyncio in Jupyter.

``%load_ext asyncio_lab`` registers the ``%%check`` cell magic and the ``%hint`` and
``%solution`` line magics, the ``%%timeline``, ``%%virtualtime`` and ``%%callgraph``
cell magics, the ``%callgraph`` and ``%coach`` line magics, and turns the coach on.
Nothing runs at import time; the plain APIs live in :mod:`asyncio_lab.exercises`,
:mod:`asyncio_lab.hints`, :mod:`asyncio_lab.tracer`, :mod:`asyncio_lab.virtualclock`,
:mod:`asyncio_lab.callgraph`, :mod:`asyncio_lab.coach` and :mod:`asyncio_lab.instrument`;
the magics (:mod:`asyncio_lab.magics`, one module per topic) are thin layers over them.
"""

__version__ = "0.1.0"


def load_ipython_extension(ip):
    """Register the magics and their input transformers, and turn the coach on (idempotent)."""
    from .magics import load

    load(ip)


def unload_ipython_extension(ip):
    """Remove what :func:`load_ipython_extension` added."""
    from .magics import unload

    unload(ip)
