"""Everything the commands write, one module per command (``validate/`` has one per format).

Each exposes a registry ``{format name: render(result, stream)}``; the CLI offers its keys as
`--format` choices, and JSON contracts are produced here only. The CLI imports every registry at
start-up, so a module here imports rich (and other heavy libraries) inside the functions that
draw with it.
"""
