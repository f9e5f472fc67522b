"""The magics of asyncio-lab: thin IPython layers over the plain APIs.

One ``@magics_class`` per topic module, and the topic modules never import each
other; what they share (preparing and running the cell, the argument helpers,
the placement guard) is in :mod:`._cell`:

- :mod:`.check`: ``%%check`` (over :mod:`asyncio_lab.exercises`);
- :mod:`.visual`: ``%%timeline``, ``%%virtualtime``, ``%%callgraph``/``%callgraph``
  (over :mod:`asyncio_lab.instrument`);
- :mod:`.hints`: ``%hint``, ``%solution`` (over :mod:`asyncio_lab.hints`);
- :mod:`.coach`: ``%coach`` (over :mod:`asyncio_lab.coach`).

:func:`load` registers them from :data:`_TOPICS`.  ``run_check_cell`` stays
importable from here: a ``%%check`` cell becomes
``await __import__("asyncio_lab.magics", fromlist=["_"]).run_check_cell(...)``,
and the frontend's preflight runs the same line.
"""

from __future__ import annotations

from . import check, coach, hints, visual
from ._cell import add_transformer, guard_placement, remove_magics, remove_transformer, unguard_placement
from .check import CheckMagics, check_cell_transformer, run_check_cell
from .coach import CoachMagics
from .hints import HintMagics
from .visual import VisualMagics, run_cell_magic_async, viz_cell_transformer

__all__ = [
    "CheckMagics",
    "CoachMagics",
    "HintMagics",
    "VisualMagics",
    "check_cell_transformer",
    "load",
    "run_cell_magic_async",
    "run_check_cell",
    "unload",
    "viz_cell_transformer",
]

# Per topic: its Magics class, its line magics, its cell magics (each guarded against
# being written below other lines), and the input transformer that awaits its cells.
_TOPICS = (
    (CheckMagics, (), check.CELL_MAGICS, check_cell_transformer),
    (HintMagics, ("hint", "solution"), (), None),
    (VisualMagics, ("callgraph",), visual.CELL_MAGICS, viz_cell_transformer),
    (CoachMagics, ("coach",), (), None),
)


def load(ip) -> None:
    """Register every topic's magics and transformers, and turn the coach on (idempotent)."""
    from .. import coach as _coach

    for magics, _lines, cells, transformer in _TOPICS:
        ip.register_magics(magics)
        if transformer is not None:
            add_transformer(ip, transformer)
        guard_placement(ip, cells)
    _coach.enable(ip)


def unload(ip) -> None:
    """Remove what :func:`load` added, and turn the coach off."""
    from .. import coach as _coach

    _coach.disable(ip)
    for _magics, lines, cells, transformer in reversed(_TOPICS):
        if transformer is not None:
            remove_transformer(ip, transformer)
        remove_magics(ip, "cell", cells)
        remove_magics(ip, "line", lines)
        unguard_placement(ip, cells)
