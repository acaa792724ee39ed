"""The command line: Typer options in, one core call, a renderer, an exit code out.

The Typer app is in ``app``; one module per command group; each command body runs inside
``run.run``, which turns every outcome into an exit code. Heavy modules (pydantic models, reference
data, rich) are imported inside the commands, so that `pkledger --version` and `--help` start fast.
``quick_validate`` runs the common `validate` command lines before Typer is imported, so this
package's own module imports nothing.
"""
