"""Everything the commands write: one module per command, each with a registry of its formats."""
