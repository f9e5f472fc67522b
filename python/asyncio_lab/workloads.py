"""CPU-bound work that lessons hand to other processes.

A ``ProcessPoolExecutor`` sends its workers a function by reference: its module's name
and its own.  Under the ``spawn`` and ``forkserver`` start methods (the defaults on
macOS and Windows, and on Linux from Python 3.14) each worker starts a fresh
interpreter and imports that module, so the function must live in an importable
module.  A function defined in a notebook belongs to the kernel's ``__main__``, which a
worker cannot import: the pool breaks (``BrokenProcessPool``).
"""

from __future__ import annotations

__all__ = ["crunch"]


def crunch(n: int) -> int:
    """CPU work with no ``await``: ``0*0 + 1*1 + ... + (n-1)*(n-1)``, the slow way."""
    total = 0
    for i in range(n):
        total += i * i
    return total
