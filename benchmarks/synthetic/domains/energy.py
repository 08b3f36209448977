"""The energy domain: its places, parties with their interests, and issues with options."""

from __future__ import annotations

from typing import Any

DOMAIN: dict[str, Any] = {
    "key": "energy",
    "places": ("Highmoor", "Carrick Ridge", "Whinfell", "Tarbet Hills", "Brenmar", "Kilbride Moss"),
    "title": "{place} Wind Farm Siting and Community Benefit Agreement",
    "summary": (
        "The developer, host landowners, the municipality, a crofting association, bird conservationists "
        "and the grid operator agree where turbines in {place} go, how the community shares in the "
        "revenue, and how birds, peat and views are protected over the life of the project."
    ),
    "resource": "turbine sites",
    "council": "{place} Community Benefit Board",
    "parties": [
        (
            "developer",
            "{place} Wind Energy Ltd",
            "company",
            "Investors and lenders",
            ["A consented project that can be financed.", "A grid connection on a known date."],
        ),
        (
            "landowners",
            "{place} Host Landowners Group",
            "association",
            "Farms hosting turbines and tracks",
            ["Fair rent for land used by turbines and tracks.", "Farming that continues around the turbines."],
        ),
        (
            "municipality",
            "{place} Municipal Council",
            "government",
            "Residents of the municipality",
            ["Local revenue that funds services residents value.", "A landscape residents still recognise."],
        ),
        (
            "crofters",
            "{place} Crofting Association",
            "association",
            "Crofting families on the common grazings",
            ["Grazing rights on the common land are respected."],
        ),
        (
            "bird-trust",
            "{place} Bird Conservation Trust",
            "ngo",
            "Members and volunteer surveyors",
            ["Eagles and waders are not harmed by turbine placement."],
        ),
        (
            "grid-operator",
            "Northern Grid Operator",
            "company",
            "Electricity consumers",
            ["A connection design that keeps the network stable."],
        ),
        (
            "community-council",
            "{place} Community Council",
            "community",
            "Residents of the nearest villages",
            [
                "The villages share in the benefits of the project.",
                "Construction traffic that does not endanger school routes.",
            ],
        ),
        (
            "peat-partnership",
            "{place} Peatland Partnership",
            "ngo",
            "Land managers restoring peat bogs",
            ["Peat disturbed by construction is restored."],
        ),
    ],
    "issues": [
        (
            "layout",
            "Where do the turbines go?",
            [
                "Full layout on the eastern ridge",
                "Reduced layout avoiding the eagle range",
                "Two clusters with a wildlife corridor",
            ],
        ),
        (
            "community-benefit",
            "How does the community share in the revenue?",
            [
                "Community fund per megawatt",
                "Community shared ownership stake",
                "Electricity discount for residents",
            ],
        ),
        (
            "wildlife",
            "How are birds and habitats protected?",
            ["Curtailment during migration", "Radar-based shutdown on demand", "Habitat management plan"],
        ),
        (
            "construction-traffic",
            "How is construction traffic managed?",
            ["New access track from the main road", "Convoys outside school hours", "Temporary park-and-ride"],
        ),
        (
            "decommissioning",
            "What happens at the end of the project?",
            ["Bond for full removal", "Repowering option with new consent", "Partial removal and restoration"],
        ),
    ],
}
