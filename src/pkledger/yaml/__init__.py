"""The safe YAML loader: ledger files parsed into plain values, with the position of every key and value."""
