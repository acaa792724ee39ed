"""pkledger: a pledge ledger for UN peacekeeping ministerials, over flat YAML files in git."""

__version__ = "0.1.0"
