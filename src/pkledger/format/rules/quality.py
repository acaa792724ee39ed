"""The concept note's criteria for a good pledge: the highest political level, a specific
timeframe, an answer to a need the UN identified, and the gender parity target.

Validate warns where a record shows that a criterion is not met (the rules here); a briefing pack
shows the same findings beside each pledge, and also the criteria a record cannot show for lack of
data (``criteria_not_shown``), about which validate stays quiet.
"""

from __future__ import annotations

from collections.abc import Iterator

from pkledger.format.dates import PartialDate
from pkledger.format.models.conference import Conference
from pkledger.format.models.pledge import UNIT_CATEGORIES, Offer, Pledge
from pkledger.format.reference import GenderTarget, reference
from pkledger.problems import Finding
from pkledger.wording import a, percent, target_percent

HIGHEST_LEVELS = frozenset({"head_of_state_or_government", "minister"})
CRITERIA = (
    "below-highest-level",
    "level-not-recorded",
    "no-timeframe",
    "answers-no-gap",
    "women-below-target",
    "no-gender-data",
)
"""What a pack shows a pledge does not meet, in the concept note's order: the names of the quality
findings below, and of the criteria a record cannot show."""


def below_highest_level(pledge: Pledge) -> Iterator[Finding]:
    """The pledge was announced below ministerial level."""
    if pledge.announced_by is not None and pledge.announced_by not in HIGHEST_LEVELS:
        level = pledge.announced_by.replace("_", " ")
        message = f"announced by {a(level)}; the concept note asks for the highest political level"
        hint = "keep the record true; explain the circumstances in `notes`"
        yield Finding("below-highest-level", ("announced_by",), message, hint)


def no_timeframe(pledge: Pledge) -> Iterator[Finding]:
    """The pledge gives no timeframe, or an empty one."""
    timeframe = pledge.timeframe
    if timeframe is None or not (timeframe.start or timeframe.end or timeframe.text):
        message = "no timeframe: the concept note asks for pledges with a specific timeframe"
        hint = "add `timeframe:` if one was announced, else say in `notes` that none was"
        yield Finding("no-timeframe", () if timeframe is None else ("timeframe",), message, hint)


def made_on(pledge: Pledge, conference: Conference | None) -> PartialDate | None:
    """When the pledge was made: its announcement, else its conference's first day."""
    return pledge.announced_on or (conference.start_date if conference else None)


def women_target(offer: Offer, made: PartialDate | None) -> GenderTarget | None:
    """The parity target an offer's personnel are compared with: its capability's category's target
    of the year the pledge was made. None for offers without personnel or a capability, and for
    pledges without a known date."""
    ref = reference()
    personnel, capability = offer.personnel, ref.capabilities.get(offer.capability or "")
    if personnel is None or personnel.total == 0 or capability is None or made is None:
        return None
    return ref.gender_target(capability.gender_category, made.year)


def pledge_target(pledge: Pledge, made: PartialDate | None) -> GenderTarget | None:
    """The parity target of the first offer with personnel compared with one."""
    return next((found for offer in pledge.offers if (found := women_target(offer, made))), None)


def women_below_target(pledge: Pledge, made: PartialDate | None) -> Iterator[Finding]:
    """Each offer's women's share against the parity target of the year the pledge was made."""
    for index, offer in enumerate(pledge.offers):
        target, personnel = women_target(offer, made), offer.personnel
        if target is None or personnel is None or personnel.women >= target.share * personnel.total:
            continue
        ref = reference()
        label = ref.gender_labels[target.category].lower()
        provisional = " (a provisional value)" if target.provisional else ""
        message = (
            f"women are {percent(personnel.women, personnel.total, target.share)} of personnel "
            f"({personnel.women} of {personnel.total}); "
            f"the {target.year} target for {label} is {target_percent(target.share)}{provisional}"
        )
        yield Finding("women-below-target", ("offers", index, "personnel", "women"), message, None)


def criteria_not_shown(pledge: Pledge, *, answers_need: bool) -> set[str]:
    """The criteria a pledge does not show: no level recorded, no gap answered, no gender data.

    ``answers_need`` says whether the pledge names a gap or was matched to one.
    """
    shown = set()
    if pledge.announced_by is None:
        shown.add("level-not-recorded")
    if pledge.category in UNIT_CATEGORIES and not answers_need:
        shown.add("answers-no-gap")
    capabilities = reference().capabilities
    offered = [offer for offer in pledge.offers if offer.capability in capabilities]
    if (
        offered
        and pledge.category in UNIT_CATEGORIES
        and not any(offer.personnel is not None and offer.personnel.total > 0 for offer in offered)
    ):
        shown.add("no-gender-data")
    return shown
