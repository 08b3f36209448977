"""The water domain: its places, parties with their interests, and issues with options."""

from __future__ import annotations

from typing import Any

DOMAIN: dict[str, Any] = {
    "key": "water",
    "places": ("Alder", "Birch Creek", "Cedar Valley", "Dunmore", "Elkhorn", "Fernwood", "Granite Fork"),
    "title": "{place} River Basin Water-Sharing Agreement",
    "summary": (
        "Irrigators, the city utility, tribal and conservation interests and the state settle how the "
        "{place} River is shared in wet and dry years, how instream flows are kept for fish, and how "
        "droughts are met without a race to the courthouse."
    ),
    "resource": "water",
    "council": "{place} Basin Council",
    "parties": [
        (
            "irrigation-district",
            "{place} Irrigation District",
            "agency",
            "Growers on irrigated orchards and hay fields",
            [
                "A dependable supply in dry years so that permanent crops survive a drought.",
                "Decisions about the river made in the basin by people who know it.",
            ],
        ),
        (
            "city-water",
            "City of {place} Water Utility",
            "agency",
            "Residents and businesses of the city",
            [
                "Safe drinking water for every resident through multi-year droughts.",
                "Water bills that low-income households can still afford.",
            ],
        ),
        (
            "tribes",
            "Confederated Tribes of the {place} River",
            "indigenous-nation",
            "Enrolled members; the General Council ratifies water agreements",
            [
                "Treaty water becomes a usable right on the reservation rather than a paper claim.",
                "Salmon return to the river for ceremonial and subsistence life.",
            ],
        ),
        (
            "conservation",
            "{place} River Conservation Coalition",
            "ngo",
            "Member organisations, including a riverkeeper and an angling association",
            [
                "River flows that follow the natural seasonal pattern closely enough for fish to recover.",
                "Independent, public evidence on whether the river is recovering.",
            ],
        ),
        (
            "state-water",
            "State Department of Water Resources",
            "agency",
            "The Governor and the public",
            [
                "Ending costly litigation that paralyses water management in the basin.",
                "Public money spent only where it buys lasting public benefits.",
            ],
        ),
        (
            "hydro",
            "{place} Hydro Power Company",
            "company",
            "Shareholders and the utility's ratepayers",
            [
                "Keeping the plant's ability to generate in high-value hours.",
                "Regulatory certainty for the licence amendment and the relicensing that follows.",
            ],
        ),
        (
            "ditch-company",
            "South Bench Ditch Company",
            "company",
            "Shareholders of a volunteer-run ditch",
            ["A small company run by volunteers can meet reporting duties without hiring specialists."],
        ),
        (
            "county",
            "{place} County Board of Supervisors",
            "government",
            "County residents and farmworkers",
            ["Farm jobs and the county tax base survive years when land is fallowed."],
        ),
        (
            "groundwater-users",
            "{place} Groundwater Users Association",
            "association",
            "Agricultural well owners in the lower basin",
            ["Well owners keep control over how and when they pump."],
        ),
    ],
    "issues": [
        (
            "diversion-cap",
            "How much may be diverted for consumptive use each year?",
            [
                "Fixed annual cap at the historical average",
                "Cap indexed to the water-year type",
                "Cap as a share of forecast natural flow",
            ],
        ),
        (
            "instream-flows",
            "What flows stay in the river?",
            [
                "One year-round minimum flow",
                "Functional flow schedule by water-year type",
                "Flows set each year by a science panel",
            ],
        ),
        (
            "shortage-sharing",
            "How are shortages shared in dry and critical years?",
            [
                "Strict priority of right",
                "Proportional cuts for every user",
                "Drought reserve fed by paid voluntary fallowing",
            ],
        ),
        (
            "dam-operations",
            "How is the dam operated for fish and power?",
            [
                "Ramping limits only",
                "Ramping limits and a cold-water pool",
                "Seasonal release schedule set by the council",
            ],
        ),
        (
            "basin-governance",
            "Who runs the system day to day?",
            [
                "State watermaster alone",
                "Basin council with an independent watermaster",
                "Rotating chair among the water users",
            ],
        ),
        (
            "funding",
            "Who pays for meters, the reserve and the council?",
            ["State appropriation", "User fees per acre-foot", "Shared state and user funding"],
        ),
    ],
}
