"""The kinds of negotiation the generator writes agreements about, one module each.

A domain is a dict with ``key`` (part of the agreement id), ``places``,
``title``, ``summary``, ``resource`` (what allocations share out) and
``council`` (the body that oversees implementation), whose texts use
``{place}``; ``parties``, each ``(slug, name, kind, constituency, interests)``;
and ``issues``, each ``(key, question, options)``.

The order of ``DOMAINS`` matters: the generator draws from it with a seeded
random number generator, so reordering it changes the generated files.
"""

from __future__ import annotations

from typing import Any

from synthetic.domains import energy, health, housing, port, transit, water

DOMAINS: list[dict[str, Any]] = [
    water.DOMAIN,
    port.DOMAIN,
    health.DOMAIN,
    transit.DOMAIN,
    energy.DOMAIN,
    housing.DOMAIN,
]
