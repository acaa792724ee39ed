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
    help: str = ""
    """The flag's help: what to give, and the allowed values (a test checks they are all named)."""

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


MEASURES = "units, personnel, aircraft, vehicles, items, courses, trainees, places"
QUALIFIERS = "exact, at_least, up_to, about"
OFFER_QUESTIONS = (
    Ask(
        "offers.0.capability",
        prompt="Capability offered (catalogue code; blank if none)",
        help="Capability offered, a catalogue code (`pkledger reference` lists them), e.g. level_2_hospital.",
    ),
    Ask(
        "offers.0.quantity.value",
        "quantity",
        "How many (a whole number; blank if no number was stated)",
        help="How many, a whole number; left out when no number was stated.",
    ),
    Ask(
        "offers.0.quantity.measure",
        "measure",
        "Counted in (blank: the capability's default measure)",
        help=f"What the quantity counts: {MEASURES} (default: the capability's).",
    ),
    Ask("offers.0.quantity.qualifier", "qualifier", default="exact", help=f"{QUALIFIERS} (default exact)."),
    Ask("offers.0.personnel.total", "personnel", "Personnel in all (optional)", help="Personnel in all."),
    Ask("offers.0.personnel.women", "women", "Women among them", help="Women among the personnel."),
    Ask(
        "offers.0.pcrs_level",
        prompt="PCRS readiness level (optional)",
        help="PCRS readiness level: level_1, level_2, level_3, rapid_deployment.",
    ),
    Ask(
        "offers.0.deployable_within_days",
        "deployable_within_days",
        "Days to deploy (optional)",
        help="Days to deploy, a whole number (at most 60 at rapid_deployment).",
    ),
    Ask(
        "offers.0.missions",
        "missions",
        "Missions it is offered to (codes, comma-separated; blank: any)",
        help="Missions it is offered to: codes separated by commas, e.g. MINUSCA,UNMISS (blank: any).",
    ),
)
"""The questions of one offer: asked for the first offer, then again for each further one."""


SOURCE = (
    Ask("sources.0.title", "source_title", "Title of the public source", help="Title of the public source."),
    Ask(
        "sources.0.url",
        "source_url",
        "Its web address (optional for illustrative records)",
        help="Its web address (https://...); a sourced record without one is warned about.",
    ),
    Ask(
        "sources.0.date",
        "source_date",
        "Its date (YYYY-MM-DD, YYYY-MM or YYYY; optional for illustrative records)",
        help="Its publication date: YYYY-MM-DD, YYYY-MM or YYYY.",
    ),
)
PROVENANCE = Ask(
    "provenance",
    default="sourced",
    help="sourced (a real, documented record; the default) or illustrative (example data).",
)
NOTES = Ask("notes", help="Free text: caveats, what is unknown.")
ASKED: dict[str, tuple[Ask, ...]] = {
    "pledges": (
        Ask(
            "member_state",
            prompt="Pledging state (ISO alpha-3, e.g. KOR)",
            help="Pledging state, ISO 3166-1 alpha-3 (KOR, NOR, GHA).",
        ),
        Ask("conference", prompt="Conference id (blank if none)", help="Conference id, e.g. 2021-seoul."),
        Ask("announced_on", help="Date announced: YYYY-MM-DD, YYYY-MM or YYYY."),
        Ask(
            "announced_by",
            help="head_of_state_or_government, minister, vice_minister, permanent_representative, official.",
        ),
        Ask("title", prompt="Title (one line)", help="One line, at most 160 characters."),
        Ask(
            "category",
            help="uniformed_unit, individual_personnel, equipment, training, capacity_building, "
            "financial, technology, medical, environment, women_peace_security, conduct_discipline, "
            "strategic_communications, safety_security, mental_health, other.",
        ),
        *OFFER_QUESTIONS,
        Ask(
            "money.amount",
            "amount",
            "Amount of money (optional unless financial)",
            help="Amount of money pledged.",
        ),
        Ask(
            "money.currency", prompt="Currency (ISO 4217, e.g. USD)", help="ISO 4217 currency code, e.g. USD."
        ),
        Ask(
            "timeframe.text",
            "timeframe",
            "Timeframe, as announced (optional)",
            help="Timeframe, as announced.",
        ),
        Ask(
            "timeframe.end",
            "deliver_by",
            "To be delivered by (YYYY-MM-DD, YYYY-MM or YYYY; optional)",
            help="To be delivered by: YYYY-MM-DD, YYYY-MM or YYYY.",
        ),
        Ask("partnership", default="none", help="none (the default), bilateral, triangular, multilateral."),
        Ask(
            "partners",
            prompt="Partners as ACTOR:role, comma-separated (e.g. FRA:trainer; optional)",
            help="Partners as ACTOR:role, comma-separated; roles: donor, recipient, trainer, funder, "
            "equipment_provider, maintenance_transport, host.",
        ),
        Ask(
            "responds_to",
            prompt="Gaps it answers (gap ids, comma-separated; optional)",
            help="Gaps it answers: gap ids (gap-id#N for its Nth offer), comma-separated.",
        ),
        Ask(
            "a4p",
            prompt="A4P commitment areas (codes, comma-separated; optional)",
            help="A4P commitment areas, codes separated by commas (`pkledger reference` lists them).",
        ),
        Ask(
            "a4p_plus",
            prompt="A4P+ priorities (codes, comma-separated; optional)",
            help="A4P+ priorities "
            "and cross-cutting themes, codes separated by commas (`pkledger reference` lists them).",
        ),
        Ask(
            "status",
            default="announced",
            help="announced (the default), registered, in_progress, deployed, partially_fulfilled, "
            "fulfilled, withdrawn, lapsed, ended.",
        ),
        *SOURCE,
        PROVENANCE,
        NOTES,
    ),
    "gaps": (
        Ask("title", prompt="Title (one line)", help="One line, at most 160 characters."),
        Ask("capability", prompt="Capability (catalogue code)", help="Capability needed, a catalogue code."),
        Ask("mission", prompt="Mission code (or ANY)", help="Mission code, e.g. MINUSCA, or ANY."),
        Ask(
            "quantity.value",
            "quantity",
            "How many are needed (blank if the source publishes no number)",
            help="How many are needed, a whole number; left out when the source publishes none.",
        ),
        Ask(
            "quantity.measure",
            "measure",
            "Counted in (blank: the capability's default measure)",
            help=f"What the quantity counts: {MEASURES} (default: the capability's).",
        ),
        Ask("quantity.qualifier", "qualifier", default="exact", help=f"{QUALIFIERS} (default exact)."),
        Ask("priority", help="critical, high, medium, low."),
        Ask(
            "basis",
            default="un_requirement",
            help="un_requirement (the default: a UN statement of need) or reported_need.",
        ),
        Ask("required_by", help="Needed by: YYYY-MM-DD, YYYY-MM or YYYY."),
        Ask(
            "source_doc.title",
            "paper_title",
            "Title of the document stating the need",
            help="Title of the document stating the need.",
        ),
        Ask(
            "source_doc.issuer",
            "paper_issuer",
            "Its issuer",
            default="UN Department of Peace Operations",
            help="Its issuer (default: UN Department of Peace Operations).",
        ),
        Ask(
            "source_doc.date",
            "paper_date",
            "Its date (YYYY-MM-DD, or YYYY-MM, YYYY)",
            help="Its date: YYYY-MM-DD, YYYY-MM or YYYY.",
        ),
        Ask("status", default="open", help="open (the default), partially_filled, filled, withdrawn."),
        *SOURCE,
        PROVENANCE,
        NOTES,
    ),
    "conferences": (
        Ask("kind", help="summit, ministerial, preparatory, side_event."),
        Ask("title", help="The conference's name."),
        Ask(
            "parent",
            prompt="Parent summit or ministerial (id)",
            help="Id of the summit or ministerial it prepares or accompanies (preparatory, side_event).",
        ),
        Ask(
            "start_date",
            prompt="First day (YYYY-MM-DD, or YYYY-MM, YYYY)",
            help="First day: YYYY-MM-DD, YYYY-MM or YYYY.",
        ),
        Ask(
            "end_date",
            prompt="Last day (YYYY-MM-DD, or YYYY-MM, YYYY)",
            help="Last day: YYYY-MM-DD, YYYY-MM or YYYY.",
        ),
        Ask("format", help="in_person, virtual, hybrid."),
        Ask("city", help="Host city."),
        Ask("host_country", prompt="Host state (alpha-3, optional)", help="Host state, ISO 3166-1 alpha-3."),
        *SOURCE,
        PROVENANCE,
        NOTES,
    ),
}
"""The kinds `new` creates, in the order it lists them, and the fields it asks for, in order."""
