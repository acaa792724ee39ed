"""Small helpers for messages in plain English."""

from __future__ import annotations

CONFERENCE_KINDS = {"preparatory": "preparatory conference", "side_event": "side event"}


def a(words: str) -> str:
    """The words with their indefinite article: "an equipment pledge", "a summit"."""
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def conference_kind(kind: str) -> str:
    """A conference kind in words: "preparatory conference", "side event", "ministerial"."""
    return CONFERENCE_KINDS.get(kind, kind)
