"""The `pkledger` command and `python -m pkledger`.

`pkledger --version` is answered here, before the command line is imported: importing Typer alone
takes about 115 ms, more than the whole answer may take. A `validate` over an unchanged ledger is
answered from the cache by ``pkledger.cli.warm``, also without Typer. Every other call goes to the
command line, ``pkledger.cli.app``.
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
    if arguments[:1] == ["validate"]:
        from pkledger.cli.warm import answer

        code = answer(arguments[1:])
        if code is not None:
            sys.exit(code)
    from pkledger.cli.app import main as run_command_line

    run_command_line()


if __name__ == "__main__":
    main()
