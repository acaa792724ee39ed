"""The rules of the ledger format beyond field types: within a record, across files, and for matching."""
