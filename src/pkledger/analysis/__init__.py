"""What the commands compute from a ledger, as plain results: no JSON and no text."""
