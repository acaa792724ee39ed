"""Glob patterns of paths, matched in time proportional to the pattern times the path.

A pattern is split into segments at `/`. A segment `**` stands for any number of folders (none
included); in any other segment `*` stands for any characters and `?` for one, never a `/`. There
are no character classes: every other character stands for itself. Patterns are not turned into
regular expressions, whose backtracking takes exponential time on patterns such as
`**/*a*a*a*a*a*a*b`: a segment is matched by finding its literal pieces from left to right, and
`**` by keeping the set of pattern positions a path can have reached.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_PATTERN_LENGTH = 256
"""Longer patterns are refused: a pattern names a folder or a kind of file, not a list of them."""
ANY_FOLDERS = None
"""The segment `**`."""


class GlobError(ValueError):
    """A pattern that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class Glob:
    """A compiled pattern: its segments, `**` as ANY_FOLDERS."""

    segments: tuple[str | None, ...]

    def matches(self, path: str) -> bool:
        """Whether a relative path with forward slashes matches the whole pattern."""
        reached = self._past_any_folders({0})
        for name in path.split("/"):
            following = set()
            for position in reached:
                if position == len(self.segments):
                    continue
                segment = self.segments[position]
                if segment is ANY_FOLDERS:
                    following.add(position)
                elif matches_name(segment, name):
                    following.add(position + 1)
            reached = self._past_any_folders(following)
            if not reached:
                return False
        return len(self.segments) in reached

    def _past_any_folders(self, positions: set[int]) -> set[int]:
        """The positions, and those after any `**` at them (which may stand for no folder)."""
        found = set(positions)
        for position in sorted(positions):
            while position < len(self.segments) and self.segments[position] is ANY_FOLDERS:
                position += 1
                found.add(position)
        return found


def compile_glob(pattern: str) -> Glob:
    """The pattern (leading and trailing slashes and spaces ignored) ready to match; GlobError if too long."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise GlobError(
            f"the pattern is {len(pattern)} characters long; at most {MAX_PATTERN_LENGTH} are allowed"
        )
    text = pattern.strip().strip("/")
    segments = tuple(ANY_FOLDERS if part == "**" else part.replace("**", "*") for part in text.split("/"))
    return Glob(segments)


def matches_name(pattern: str, name: str) -> bool:
    """Whether a file or folder name matches one segment of a pattern (`*` and `?`)."""
    pieces = pattern.split("*")
    if len(pieces) == 1:
        return len(name) == len(pattern) and _fits(pattern, name, 0)
    first, *middle, last = pieces
    if len(first) + len(last) > len(name) or not _fits(first, name, 0):
        return False
    end = len(name) - len(last)
    if not _fits(last, name, end):
        return False
    position = len(first)
    for piece in middle:
        found = _find(piece, name, position, end)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def _fits(piece: str, name: str, at: int) -> bool:
    """Whether ``piece`` (with `?` for any character) matches ``name`` at ``at``."""
    return all(wanted in ("?", name[at + offset]) for offset, wanted in enumerate(piece))


def _find(piece: str, name: str, start: int, end: int) -> int:
    """The first position from ``start`` where ``piece`` fits and ends by ``end``; -1 if none."""
    if "?" not in piece:
        return name.find(piece, start, end)
    for at in range(start, end - len(piece) + 1):
        if _fits(piece, name, at):
            return at
    return -1
