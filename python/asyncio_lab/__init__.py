"""asyncio-lab: kernel-side helpers for learning asyncio in Jupyter.

``%load_ext asyncio_lab`` registers the ``%%check`` cell magic and the ``%hint`` and
``%solution`` line magics.  Nothing runs at import time; the plain APIs live in
:mod:`asyncio_lab.exercises` and :mod:`asyncio_lab.hints`.
"""

__version__ = "0.1.0"


def load_ipython_extension(ip):
    """Register the magics and the ``%%check`` input transformer (idempotent)."""
    from .magics import load

    load(ip)


def unload_ipython_extension(ip):
    """Remove what :func:`load_ipython_extension` added."""
    from .magics import unload

    unload(ip)
