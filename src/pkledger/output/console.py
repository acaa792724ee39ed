"""Rich consoles for human-readable output: coloured on a terminal, plain and unwrapped in a pipe.

Rich is imported when a console is first made, not when this module is: the CLI imports every
output registry to offer its format names, and must start fast.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Literal, TextIO

if TYPE_CHECKING:
    from rich.console import Console

PIPE_WIDTH = 200


def console_for(stream: TextIO, *, wrap: bool | None = None) -> Console:
    """A console writing to ``stream``; rich honours FORCE_COLOR itself. NO_COLOR (set and not
    empty, as no-color.org says) turns off all styling, bold and italic too, where rich would
    only drop the colours.

    On a terminal rich wraps to the window (unless ``wrap`` is False); in a pipe lines are not
    wrapped, and tables take COLUMNS when set, else a width that keeps their shape.
    """
    from rich.console import Console

    is_terminal = hasattr(stream, "isatty") and stream.isatty()
    width = None if is_terminal else int(os.environ.get("COLUMNS", PIPE_WIDTH))
    soft_wrap = not is_terminal if wrap is None else not wrap
    system: Literal["auto"] | None = None if os.environ.get("NO_COLOR") else "auto"
    return Console(
        file=stream, highlight=False, emoji=False, soft_wrap=soft_wrap, width=width, color_system=system
    )
