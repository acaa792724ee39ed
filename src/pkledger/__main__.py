"""The `pkledger` command and `python -m pkledger`.

`pkledger --version` is answered here, before the command line is imported: importing Typer alone
takes about 115 ms, more than the whole answer may take. `validate` with the options most runs use
is run without Typer too, by ``pkledger.cli.quick_validate``. Every other call goes to the command
line, ``pkledger.cli.app``.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point."""
    arguments = sys.argv[1:]
    if arguments == ["--version"]:
        from pkledger import __version__

        sys.stdout.write(f"pkledger {__version__}\n")
        return
    if "validate" in arguments[:2]:
        from pkledger.cli.quick_validate import answer

        code = answer(arguments)
        if code is not None:
            sys.exit(code)
    from pkledger.cli.app import main as run_command_line

    run_command_line()


if __name__ == "__main__":
    main()
