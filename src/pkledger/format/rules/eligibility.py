"""Which offers can fill which gaps, and why not: each rule gives its reason in words.

A pledge's offers are judged one by one: each offer with a capability is a separate supply (the
pledge and the offer's index) in its own measure. A rule either excludes an offer from a gap (a
reason it is not eligible) or flags it (a caveat shown beside an eligible offer). The same rules
serve `pkledger match` and the validator's check of declared `responds_to` links.

Matching judges up to millions of pairs, so each record is first reduced to the few facts the
rules read (``OfferFacts``, ``GapFacts``); a rule builds its words only when it fails. The
capability catalogue is a parameter (the packaged one by default), so that tests can use their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple, get_args

from pkledger.format.dates import PartialDate
from pkledger.format.models.base import PcrsLevel
from pkledger.format.models.gap import CapabilityGap
from pkledger.format.models.pledge import UNIT_CATEGORIES, Offer, Pledge
from pkledger.format.quantities import Amount, Conversion, amount_of, convert
from pkledger.format.reference import ANY_MISSION, Capability, reference
from pkledger.format.statuses import FIRST, GAP_CLOSED, NOT_AVAILABLE
from pkledger.wording import a

PCRS_ORDER: tuple[str, ...] = get_args(PcrsLevel)
"""The PCRS levels from the lowest to the highest readiness."""
Catalogue = Mapping[str, Capability]


class Verdict(NamedTuple):
    """Whether an offer can count towards a gap, why not, and what to keep in mind if it can.

    ``blockers`` concern the offer or gap alone (withdrawn, filled, no quantity); ``broken`` names
    the matching rules the pair breaks (capability, measure, mission, languages, PCRS, women).
    """

    blockers: tuple[str, ...]
    broken: tuple[str, ...]
    flags: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        return not self.blockers and not self.broken

    @property
    def reasons(self) -> tuple[str, ...]:
        return (*self.blockers, *self.broken)


def supply_key(pledge_id: str, offer: int) -> str:
    """The name of one offer as a supply: the pledge's id and the offer's number, from 1 (`id#2`)."""
    return f"{pledge_id}#{offer + 1}"


@dataclass(frozen=True, slots=True)
class OfferFacts:
    """What the rules read of one offer of a pledge."""

    capability: str | None
    provides: frozenset[str]
    missions: frozenset[str] | None
    """None when the offer is made to any mission."""
    mission_list: str
    languages: frozenset[str]
    pcrs: str | None
    share: float | None
    blocker: str | None
    announced: bool
    start: PartialDate | None
    measure: str | None
    value: int
    """The units it can give (0 when no quantity is stated)."""
    amount: Amount | None = None
    catalogued: Capability | None = None
    """The offer's capability in the catalogue, whose unit size converts between measures."""

    def in_measure(self, measure: str | None) -> Conversion:
        """What the offer gives in a gap's measure, or why it cannot be counted there."""
        if self.amount is None:
            return Conversion(self.value)
        return convert(self.amount, self.catalogued, measure)

    def convertible_to(self) -> frozenset[str | None]:
        """The measures the offer can be counted in: its own, and those its unit size converts to."""
        found: set[str | None] = {self.measure}
        if self.amount is not None:
            found |= {m for m in ("units", "personnel", "aircraft") if self.in_measure(m).refused is None}
        return frozenset(found)


@dataclass(frozen=True, slots=True)
class GapFacts:
    """What the rules read of a gap."""

    capability: str
    mission: str | None
    """None when the gap takes any mission."""
    languages: tuple[str, ...]
    min_pcrs: str | None
    min_share: float | None
    mixed_unit: bool
    required_by: PartialDate | None
    blocker: str | None
    measure: str | None
    value: int | None
    """None when the quantity is not published."""


def pledge_counts(pledge: Pledge) -> str | None:
    """Why no offer of a pledge can count towards any gap, or None when its offers may count."""
    if pledge.status in NOT_AVAILABLE:
        return f"the pledge is {pledge.status}"
    if pledge.category not in UNIT_CATEGORIES:
        return f"{a(pledge.category)} pledge supports a capability but provides no units"
    return None


def offer_counts(pledge: Pledge, offer: Offer, catalogue: Catalogue | None = None) -> str | None:
    """Why an offer can count towards no gap at all, or None when it can count."""
    found = pledge_counts(pledge)
    if found is not None:
        return found
    if offer.capability is None:
        return "the offer names no capability"
    amount = amount_of(offer.quantity, offer.capability, catalogue)
    if amount is None or amount.value is None:
        return "no quantity stated"
    return None


def offer_facts(pledge: Pledge, index: int, catalogue: Catalogue | None = None) -> OfferFacts:
    capabilities = catalogue if catalogue is not None else reference().capabilities
    offer = pledge.offers[index]
    capability = capabilities.get(offer.capability or "")
    personnel = offer.personnel
    offered = frozenset(offer.missions)
    amount = amount_of(offer.quantity, offer.capability, capabilities)
    return OfferFacts(
        capability=offer.capability,
        provides=capability.provides if capability else frozenset(),
        missions=None if not offered or ANY_MISSION in offered else offered,
        mission_list=", ".join(offer.missions),
        languages=frozenset(offer.languages),
        pcrs=offer.pcrs_level,
        share=personnel.women / personnel.total if personnel and personnel.total else None,
        blocker=offer_counts(pledge, offer, capabilities),
        announced=pledge.status == FIRST,
        start=pledge.timeframe.start if pledge.timeframe else None,
        measure=amount.measure if amount else None,
        value=(amount.value or 0) if amount else 0,
        amount=amount if amount and amount.value is not None else None,
        catalogued=capability,
    )


def gap_facts(gap: CapabilityGap, catalogue: Catalogue | None = None) -> GapFacts:
    gender = gap.gender
    amount = amount_of(gap.quantity, gap.capability, catalogue)
    return GapFacts(
        capability=gap.capability,
        mission=None if gap.mission == ANY_MISSION else gap.mission,
        languages=tuple(gap.languages),
        min_pcrs=gap.min_pcrs_level,
        min_share=float(gender.min_women_share) if gender and gender.min_women_share is not None else None,
        mixed_unit=bool(gender and gender.mixed_unit),
        required_by=gap.required_by,
        blocker=f"the gap is {gap.status}" if gap.status in GAP_CLOSED else None,
        measure=amount.measure if amount else None,
        value=amount.value if amount else None,
    )


def broken_rules(pledge: Pledge, offer: int, gap: CapabilityGap) -> tuple[str, ...]:
    """The matching rules an offer of a pledge breaks for a gap, each named in its reason."""
    return _broken(offer_facts(pledge, offer), gap_facts(gap))


def judge_facts(pledge: OfferFacts, gap: GapFacts) -> Verdict:
    """Every rule for one offer and one gap."""
    if pledge.blocker is None:
        blockers: tuple[str, ...] = () if gap.blocker is None else (gap.blocker,)
    else:
        blockers = (pledge.blocker,) if gap.blocker is None else (pledge.blocker, gap.blocker)
    return Verdict(blockers, _broken(pledge, gap), _flags(pledge, gap))


def _broken(pledge: OfferFacts, gap: GapFacts) -> tuple[str, ...]:
    broken: list[str] = []
    if pledge.capability is not None and gap.capability not in pledge.provides:
        broken.append(f"capability: {pledge.capability} cannot provide {gap.capability}")
    if pledge.measure is not None and gap.measure is not None and pledge.measure != gap.measure:
        refused = pledge.in_measure(gap.measure).refused
        if refused is not None:
            broken.append(refused)
    if gap.mission is not None and pledge.missions is not None and gap.mission not in pledge.missions:
        broken.append(f"mission: offered to {pledge.mission_list}, not {gap.mission}")
    if gap.languages and not pledge.languages.issuperset(gap.languages):
        missing = ", ".join(language for language in gap.languages if language not in pledge.languages)
        broken.append(f"languages: the gap needs {missing}, which the offer does not include")
    if gap.min_pcrs is not None:
        broken += _pcrs(pledge.pcrs, gap.min_pcrs)
    if pledge.share is not None:
        broken += _women(pledge.share, gap)
    return tuple(broken)


def _pcrs(level: str | None, minimum: str) -> list[str]:
    if level is None:
        return [f"PCRS: no readiness level given; the gap needs {minimum} or above"]
    if PCRS_ORDER.index(level) < PCRS_ORDER.index(minimum):
        return [f"PCRS: {level} is below the gap's minimum {minimum}"]
    return []


def _women(share: float, gap: GapFacts) -> list[str]:
    if gap.min_share is not None and share < gap.min_share:
        return [f"women: {share:.0%} of personnel, below the gap's minimum {gap.min_share:.0%}"]
    if gap.mixed_unit and share == 0:
        return ["women: the gap needs a mixed-gender unit and the pledge has no women"]
    return []


def _flags(pledge: OfferFacts, gap: GapFacts) -> tuple[str, ...]:
    flags: list[str] = []
    if pledge.announced:
        flags.append("announced only, not yet registered")
    if pledge.share is None and (gap.min_share is not None or gap.mixed_unit):
        flags.append("women's share unknown: the gap has a gender requirement")
    if gap.required_by is not None:
        if pledge.start is None:
            flags.append(f"no start date to compare with the gap's required_by {gap.required_by}")
        elif pledge.start.starts_after(gap.required_by):
            flags.append(f"starts {pledge.start}, after the gap's required_by {gap.required_by}")
    return tuple(flags)


class EligibilityIndex:
    """The offers eligible for a gap, by set algebra over indexes of the offers' facts.

    It applies the same rules as ``judge_facts`` (a test checks they agree on random ledgers), but
    answers "who is eligible?" for a whole gap at once, without building the words of each
    reason: that is what lets `match` handle ten thousand pledges.
    """

    def __init__(self, facts: dict[str, OfferFacts]) -> None:
        countable = {pledge for pledge, fact in facts.items() if fact.blocker is None}
        self.shares = {pledge: facts[pledge].share for pledge in countable}
        self.counting: dict[str | None, set[str]] = {}
        self.providing: dict[str, set[str]] = {}
        self.any_mission: set[str] = set()
        self.offered_to: dict[str, set[str]] = {}
        self.speaking: dict[str, set[str]] = {}
        at_level: list[set[str]] = [set() for _ in PCRS_ORDER]
        for pledge in countable:
            fact = facts[pledge]
            for measure in fact.convertible_to():
                self.counting.setdefault(measure, set()).add(pledge)
            for capability in fact.provides:
                self.providing.setdefault(capability, set()).add(pledge)
            if fact.missions is None:
                self.any_mission.add(pledge)
            for mission in fact.missions or ():
                self.offered_to.setdefault(mission, set()).add(pledge)
            for language in fact.languages:
                self.speaking.setdefault(language, set()).add(pledge)
            if fact.pcrs is not None:
                at_level[PCRS_ORDER.index(fact.pcrs)].add(pledge)
        self.at_least = [set().union(*at_level[rank:]) for rank in range(len(PCRS_ORDER))]

    def eligible(self, gap: GapFacts) -> set[str]:
        if gap.blocker is not None:
            return set()
        found = set(self.providing.get(gap.capability, ()))
        if gap.measure is not None:
            found &= self.counting.get(gap.measure, set())
        if gap.mission is not None:
            found &= self.any_mission | self.offered_to.get(gap.mission, set())
        for language in gap.languages:
            found &= self.speaking.get(language, set())
        if gap.min_pcrs is not None:
            found &= self.at_least[PCRS_ORDER.index(gap.min_pcrs)]
        if gap.min_share is not None or gap.mixed_unit:
            found = {pledge for pledge in found if self._meets_gender(self.shares[pledge], gap)}
        return found

    @staticmethod
    def _meets_gender(share: float | None, gap: GapFacts) -> bool:
        return share is None or not _women(share, gap)
