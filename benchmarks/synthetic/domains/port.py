"""The port domain: its places, parties with their interests, and issues with options."""

from __future__ import annotations

from typing import Any

DOMAIN: dict[str, Any] = {
    "key": "port",
    "places": ("Harwick", "Saltmere", "Port Elden", "Greyhaven", "Kestrel Bay", "Marlow Sound"),
    "title": "{place} Harbour Expansion and Community Benefits Agreement",
    "summary": (
        "The port authority, terminal operators, dock workers, neighbourhood associations and the city "
        "agree how the {place} container terminal grows, how truck traffic and emissions are held down, "
        "and how the neighbourhoods beside the harbour share in the jobs it brings."
    ),
    "resource": "berth capacity",
    "council": "{place} Harbour Community Council",
    "parties": [
        (
            "port-authority",
            "Port of {place} Authority",
            "agency",
            "The city and the regional economy",
            [
                "A terminal that stays competitive as ships grow larger.",
                "Permits granted without years of appeals.",
            ],
        ),
        (
            "terminal-operator",
            "{place} Container Terminals Ltd",
            "company",
            "Shareholders and shipping lines",
            [
                "Predictable rules for night operations and truck gates.",
                "A lease long enough to repay investment in cranes.",
            ],
        ),
        (
            "dockworkers",
            "Dock and Harbour Workers Union, {place} Local",
            "union",
            "Members working the docks",
            [
                "Automation that does not cost current members their jobs.",
                "Safe working conditions on a busier quay.",
            ],
        ),
        (
            "eastside-neighbours",
            "Eastside Neighbourhood Association",
            "community",
            "Households living beside the truck routes",
            ["Clean air for children living next to the truck routes.", "Nights quiet enough to sleep."],
        ),
        (
            "city-council",
            "City of {place}",
            "government",
            "Residents and local businesses",
            ["Local jobs and business rates from a growing port.", "Roads that are not worn out by port traffic."],
        ),
        (
            "fishers-cooperative",
            "{place} Inshore Fishers Cooperative",
            "association",
            "Small-boat fishers landing at the old quay",
            ["Safe access to the old quay and the fishing grounds during construction."],
        ),
        (
            "environmental-trust",
            "{place} Estuary Trust",
            "ngo",
            "Members and volunteers of the estuary trust",
            ["Mudflats and salt marsh that keep supporting migratory birds."],
        ),
        (
            "regional-transport",
            "Regional Transport Agency",
            "agency",
            "Travellers across the region",
            ["Freight moving by rail where that keeps roads clear for commuters."],
        ),
        (
            "chamber-of-commerce",
            "{place} Chamber of Commerce",
            "association",
            "Local employers",
            ["Local firms can compete for construction and supply contracts."],
        ),
    ],
    "issues": [
        (
            "terminal-footprint",
            "How large is the new terminal and where does it sit?",
            [
                "Expansion within the existing port boundary",
                "Reclamation of the northern mudflat",
                "Phased expansion tied to throughput",
            ],
        ),
        (
            "truck-traffic",
            "How is truck traffic kept off residential streets?",
            [
                "Dedicated port access road",
                "Truck appointment system and night gates",
                "Rail shuttle to an inland depot",
            ],
        ),
        (
            "emissions",
            "How are emissions from ships and trucks reduced?",
            [
                "Shore power at every new berth",
                "Clean truck programme with replacement grants",
                "Emission cap with annual reporting",
            ],
        ),
        (
            "local-jobs",
            "Who gets the new jobs?",
            [
                "Local hiring target with a training academy",
                "Apprenticeships reserved for nearby residents",
                "Hiring hall run jointly with the union",
            ],
        ),
        (
            "automation",
            "How is automation introduced?",
            [
                "No automation during the lease",
                "Automation with retraining and attrition",
                "Automation in new berths only",
            ],
        ),
        (
            "community-fund",
            "How is the neighbourhood compensated?",
            [
                "Community fund fed by a levy per container",
                "Lump-sum grant for parks and schools",
                "Home insulation programme for affected streets",
            ],
        ),
    ],
}
