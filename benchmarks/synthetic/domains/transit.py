"""The transit domain: its places, parties with their interests, and issues with options."""

from __future__ import annotations

from typing import Any

DOMAIN: dict[str, Any] = {
    "key": "transit",
    "places": ("Metro Eastgate", "Lakeshore", "Harlow", "Brightwater", "Caldera City", "Oakport"),
    "title": "{place} Transit Service and Workforce Agreement",
    "summary": (
        "The transit authority, the operators' union, the city, disability advocates and riders' groups "
        "agree how the {place} bus network is redesigned, how the fleet is electrified, and how drivers "
        "and mechanics move through the change."
    ),
    "resource": "service hours",
    "council": "{place} Transit Partnership Board",
    "parties": [
        (
            "transit-authority",
            "{place} Transit Authority",
            "agency",
            "Riders and taxpayers",
            [
                "A network that carries more riders for the same budget.",
                "A fleet that meets the clean-vehicle mandate on time.",
            ],
        ),
        (
            "operators-union",
            "Amalgamated Transit Workers, Local {place}",
            "union",
            "Bus operators and mechanics",
            [
                "Drivers and mechanics keep their jobs through electrification.",
                "Schedules that leave time for meal breaks and recovery.",
            ],
        ),
        (
            "city",
            "City of {place}",
            "government",
            "Residents and businesses",
            ["Buses that reach the new housing districts.", "Streets that are safe for people walking."],
        ),
        (
            "disability-advocates",
            "{place} Disability Rights Coalition",
            "ngo",
            "Disabled riders and carers",
            ["Every rider can use every route, whatever their mobility."],
        ),
        (
            "riders-union",
            "{place} Riders Union",
            "community",
            "Regular bus riders",
            ["Frequent service on the routes riders actually use.", "Fares that stay affordable."],
        ),
        (
            "utility",
            "{place} Electric Utility",
            "company",
            "Ratepayers and shareholders",
            ["Depot charging that does not overload the local grid."],
        ),
        (
            "regional-council",
            "{place} Regional Council",
            "government",
            "Neighbouring municipalities",
            ["Cross-boundary routes that keep suburban towns connected."],
        ),
        (
            "business-district",
            "Downtown {place} Business Improvement District",
            "association",
            "Downtown property owners and retailers",
            ["Customers and staff can reach downtown without a car."],
        ),
    ],
    "issues": [
        (
            "network-design",
            "What does the redesigned network look like?",
            [
                "Frequent grid of trunk routes",
                "Coverage network with timed transfers",
                "Hybrid of grid and coverage",
            ],
        ),
        (
            "electrification",
            "How fast is the fleet electrified?",
            [
                "Replacement at end of vehicle life",
                "Accelerated replacement with grant funding",
                "Pilot depot first, then phased rollout",
            ],
        ),
        (
            "workforce-transition",
            "How do drivers and mechanics move through the change?",
            [
                "Retraining for every mechanic on electric drivetrains",
                "Attrition with no layoffs",
                "Joint labour-management training centre",
            ],
        ),
        (
            "accessibility",
            "How is the network made accessible?",
            ["Accessible stops on every route", "On-demand paratransit zone", "Stop upgrades ranked by use"],
        ),
        (
            "fares",
            "How are fares set?",
            ["Flat fare with a low-income discount", "Fare capping across the week", "Free fares for under-18s"],
        ),
    ],
}
