"""What the phases of one synthetic agreement share: the draft, its ids, small text helpers.

:func:`start` draws the domain, place, status and timeline of an agreement and
returns a :class:`Draft`; each phase (``synthetic.preparation``,
``synthetic.negotiation``, ``synthetic.terms``, ``synthetic.follow_through``)
then adds its section to ``Draft.data`` and records what later phases refer
to. All draws come from the one ``Draft.rng``, in a fixed order: the same seed
gives the same bytes, so a change here must keep the order of the draws.
"""

from __future__ import annotations

import datetime
import itertools
import random
import re
from dataclasses import dataclass, field
from typing import Any

from mga_tools.validate.policy import STATUSES

from .domains import DOMAINS
from .vocabulary import FIRST_NAMES, LAST_NAMES, STOP_WORDS

# How often each status occurs (weights, same order as STATUSES).
STATUS_WEIGHTS = (8, 12, 12, 10, 38, 12, 4, 4)


def slugify(text: str) -> str:
    """``text`` as an id: lower-case words joined by single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


@dataclass
class Ids:
    """The ids used so far in one agreement; hands out unique ones."""

    used: set[str] = field(default_factory=set)

    def take(self, wanted: str) -> str:
        """``wanted`` as a slug, with ``-2``, ``-3`` ... appended if it is taken already."""
        wanted = slugify(wanted)[:60].strip("-")
        ident, n = wanted, 2
        while ident in self.used:
            ident, n = f"{wanted}-{n}", n + 1
        self.used.add(ident)
        return ident


def date(year: int, day_of_year: int) -> str:
    """The ISO date ``day_of_year`` days after 1 January of ``year`` (which may run into later years)."""
    return (datetime.date(year, 1, 1) + datetime.timedelta(days=day_of_year)).isoformat()


def keywords(text: str, count: int) -> list[str]:
    """The first ``count`` content words of ``text`` (for readable ids)."""
    words = [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in STOP_WORDS]
    return words[:count]


def person(rng: random.Random) -> str:
    """A random full name."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def lower_first(text: str) -> str:
    """``text`` with a lower-case first letter, unless it starts with an acronym."""
    return text[0].lower() + text[1:] if text and not text[:2].isupper() else text


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` cut at random multiples of 5 into ``parts`` shares of at least 5."""
    cuts = sorted(rng.sample(range(5, total - 4, 5), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(bounds)]


@dataclass
class Draft:
    """An agreement being built, and what each phase leaves for the later ones."""

    rng: random.Random
    domain: dict[str, Any]
    place: str
    ident: str
    ids: Ids
    status_rank: int
    year: int
    history: list[tuple[str, str]]  # (status, date) for each status reached
    data: dict[str, Any] = field(default_factory=dict)
    firm: str = ""  # the mediation firm
    # Preparation
    parties: list[dict[str, Any]] = field(default_factory=list)
    party_ids: list[str] = field(default_factory=list)  # parties with status "party"
    interests: list[str] = field(default_factory=list)  # ids of interests that terms must serve
    groups: list[dict[str, Any]] = field(default_factory=list)
    non_parties: list[dict[str, Any]] = field(default_factory=list)
    approvers: list[dict[str, Any]] = field(default_factory=list)
    # Value creation
    issues: list[dict[str, Any]] = field(default_factory=list)
    packages: list[dict[str, Any]] = field(default_factory=list)
    # Terms
    terms: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return STATUSES[self.status_rank]

    @property
    def status_date(self) -> dict[str, str]:
        return dict(self.history)

    @property
    def council(self) -> str:
        return self.domain["council"].format(place=self.place)

    def at_least(self, status: str) -> bool:
        """Whether the agreement has reached ``status``."""
        return self.status_rank >= STATUSES.index(status)

    def fill(self, text: str) -> str:
        """A domain text with its place filled in."""
        return text.format(place=self.place)

    def names(self, ids: list[str]) -> str:
        """The names of parties and groups, as a list in prose: ``A, B and C``."""
        by_id = {p["id"]: p["name"] for p in self.parties + self.groups}
        names = [by_id[i] for i in ids]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def start(rng: random.Random, ident_prefix: str, number: int) -> Draft:
    """Draw the domain, place, status and timeline of agreement ``number``."""
    domain = rng.choice(DOMAINS)
    place = rng.choice(domain["places"])
    ident = f"{slugify(place)}-{domain['key']}-{ident_prefix}{number:04d}"
    status_rank = rng.choices(range(len(STATUSES)), weights=STATUS_WEIGHTS)[0]
    status = STATUSES[status_rank]

    # Timeline: one date per status reached, a few weeks to months apart.
    year = rng.randint(2018, 2025)
    day = rng.randint(0, 200)
    history = []
    for s in STATUSES[: status_rank + 1]:
        if s in ("terminated", "expired") and s != status:
            continue
        if s == "amended" and status in ("terminated", "expired") and rng.random() < 0.5:
            continue
        history.append((s, date(year, day)))
        day += rng.randint(30, 160)
    return Draft(rng, domain, place, ident, Ids({ident}), status_rank, year, history)
