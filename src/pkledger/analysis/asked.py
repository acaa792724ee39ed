"""What `new` asks for each kind of record it creates: the fields (a flag each), and the words a
prompt needs beyond the field's name. The rest of each question comes from the record models
(pkledger.analysis.questions); this table is light, so that the CLI can name the flags at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ask:
    """A field `new` asks for: its place in the record, and what the model cannot say."""

    target: str
    """The field, dotted: `money.amount`; a list's first item is `sources.0.title`."""
    flag: str = ""
    """The answer's name (its flag: --<flag>); the field's name by default."""
    prompt: str = ""
    """The question's words; by default the field's name (and YYYY-MM-DD for a date)."""
    default: str | None = None

    @property
    def name(self) -> str:
        """The answer's name, and its flag's."""
        return self.flag or self.target.rsplit(".", 1)[-1]

    @property
    def group(self) -> str:
        """The list whose items are asked for one after the other (`offers`), or ""."""
        return next((name for name in REPEATED if self.target.startswith(f"{name}.0.")), "")


REPEATED = ("offers",)
"""The lists `new` asks for one item after the other, as many as the answers give."""


OFFER_QUESTIONS = (
    Ask("offers.0.capability", prompt="Capability offered (catalogue code; blank if none)"),
    Ask("offers.0.quantity.value", "quantity", "How many (a whole number; blank if no number was stated)"),
    Ask("offers.0.quantity.measure", "measure", "Counted in (blank: the capability's default measure)"),
    Ask("offers.0.quantity.qualifier", "qualifier", default="exact"),
    Ask("offers.0.personnel.total", "personnel", "Personnel in all (optional)"),
    Ask("offers.0.personnel.women", "women", "Women among them"),
)
"""The questions of one offer: asked for the first offer, then again for each further one."""


SOURCE = (
    Ask("sources.0.title", "source_title", "Title of the public source"),
    Ask("sources.0.url", "source_url", "Its web address (optional)"),
)
ASKED: dict[str, tuple[Ask, ...]] = {
    "pledges": (
        Ask("member_state", prompt="Pledging state (ISO alpha-3, e.g. KOR)"),
        Ask("conference", prompt="Conference id (blank if none)"),
        Ask("announced_on"),
        Ask("announced_by"),
        Ask("title", prompt="Title (one line)"),
        Ask("category"),
        *OFFER_QUESTIONS,
        Ask("money.amount", "amount", "Amount of money (optional unless financial)"),
        Ask("money.currency", prompt="Currency (ISO 4217, e.g. USD)"),
        Ask("timeframe.text", "timeframe", "Timeframe, as announced (optional)"),
        Ask("status", default="announced"),
        *SOURCE,
        Ask("provenance", default="sourced"),
        Ask("notes"),
    ),
    "gaps": (
        Ask("title", prompt="Title (one line)"),
        Ask("capability", prompt="Capability (catalogue code)"),
        Ask("mission", prompt="Mission code (or ANY)"),
        Ask("quantity.value", "quantity", "How many are needed (blank if the source publishes no number)"),
        Ask("quantity.measure", "measure", "Counted in (blank: the capability's default measure)"),
        Ask("quantity.qualifier", "qualifier", default="exact"),
        Ask("priority"),
        Ask("basis", default="un_requirement"),
        Ask("required_by"),
        Ask("source_doc.title", "paper_title", "Title of the document stating the need"),
        Ask("source_doc.issuer", "paper_issuer", "Its issuer", default="UN Department of Peace Operations"),
        Ask("source_doc.date", "paper_date", "Its date (YYYY-MM-DD, or YYYY-MM, YYYY)"),
        Ask("status", default="open"),
        *SOURCE,
        Ask("provenance", default="sourced"),
        Ask("notes"),
    ),
    "conferences": (
        Ask("kind"),
        Ask("title"),
        Ask("parent", prompt="Parent summit or ministerial (id)"),
        Ask("start_date", prompt="First day (YYYY-MM-DD, or YYYY-MM, YYYY)"),
        Ask("end_date", prompt="Last day (YYYY-MM-DD, or YYYY-MM, YYYY)"),
        Ask("format"),
        Ask("city"),
        Ask("host_country", prompt="Host state (alpha-3, optional)"),
        *SOURCE,
        Ask("provenance", default="sourced"),
        Ask("notes"),
    ),
}
"""The kinds `new` creates, in the order it lists them, and the fields it asks for, in order."""
