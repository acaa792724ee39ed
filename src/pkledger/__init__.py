"""pkledger: a pledge ledger for UN peacekeeping ministerials, over flat YAML files in git."""

try:  # written by the build from git tags (hatch-vcs), so that no release needs editing a file
    from pkledger._version import __version__ as __version__
except ImportError:  # a source tree that was never built or installed
    __version__ = "0.0.0+unknown"
