"""The ledger format: record models, reference data, the rules and the diagnostics catalogue."""
