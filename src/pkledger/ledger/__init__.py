"""A ledger folder: its files found, each read once, checked together; git and the configuration."""
