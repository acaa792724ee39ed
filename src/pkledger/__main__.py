"""The `pkledger` command and `python -m pkledger`.

`pkledger --version` is answered here, before the command line is imported: importing Typer alone
takes about 115 ms, more than the whole answer may take. Every other call goes to ``pkledger.cli``.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] == ["--version"]:
        from pkledger import __version__

        sys.stdout.write(f"pkledger {__version__}\n")
        return
    from pkledger.cli import main as run_command_line

    run_command_line()


if __name__ == "__main__":
    main()
