"""Rich consoles for human-readable output: coloured on a terminal, plain and unwrapped in a pipe.

Rich is imported when a console is first made, not when this module is: the CLI imports every
output registry to offer its format names, and must start fast.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

PIPE_WIDTH = 200


def console_for(stream: TextIO, *, wrap: bool | None = None) -> Console:
    """A console writing to ``stream``; rich honours NO_COLOR and FORCE_COLOR itself.

    On a terminal rich wraps to the window (unless ``wrap`` is False); in a pipe lines are not
    wrapped, and tables take COLUMNS when set, else a width that keeps their shape.
    """
    from rich.console import Console

    is_terminal = hasattr(stream, "isatty") and stream.isatty()
    width = None if is_terminal else int(os.environ.get("COLUMNS", PIPE_WIDTH))
    soft_wrap = not is_terminal if wrap is None else not wrap
    return Console(file=stream, highlight=False, emoji=False, soft_wrap=soft_wrap, width=width)
