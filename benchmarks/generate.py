#!/usr/bin/env python3
"""Generate synthetic Mutual Gains Approach agreements for benchmarks.

The output is deterministic for a given seed: the same command writes the same
bytes. Each agreement is about 300 lines of block-style YAML written directly
as text (no YAML library is used), shaped like the examples in ``agreements/``:
4-8 parties with interests and BATNAs, issues with options and packages,
criteria, allocations and justifications, terms, and a follow-through section
with dispute mechanisms, protocols, metrics and 4-6 failure scenarios.

Every clean file is valid against ``schema/agreement.schema.json`` and has no
finding at all under ``mga validate`` (no error, no warning), whatever its
status. With ``--invalid-fraction F`` a share of the files instead carries one
realistic finding (a scenario without a metric, a dangling reference, a
metric without an owner, a misspelt key, an impossible date or a ladder that
ends without a decision), to measure the slow path of the validator.

Usage::

    python benchmarks/generate.py OUTDIR [-n 1000] [--seed 1] [--invalid-fraction 0.1] [--clean]

The file name of each agreement is its id plus ``.yaml``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATUSES = ("draft", "negotiating", "proposed", "agreed", "signed", "amended", "terminated", "expired")
# How often each status occurs (weights, same order as STATUSES).
STATUS_WEIGHTS = (8, 12, 12, 10, 38, 12, 4, 4)

MUTATIONS = (
    "missing-metric",
    "dangling-reference",
    "metric-without-owner",
    "misspelt-key",
    "impossible-date",
    "ladder-without-decision",
)

# The generator checks its own texts against copies of two rules, so that a
# template edit cannot silently make the "clean" files dirty. ``mga validate``
# on the generated set remains the real check (benchmarks/bench_validate.py).
_COMMITMENT = re.compile(
    r"\b(shall|will|must|agrees?\s+to|commits?\s+to|undertakes?\s+to|guarantees?|is\s+obliged\s+to)\b", re.I
)
_POSITION = re.compile(
    r"""(\d+(?:[.,]\d+)?\s*(?:%|percent\b|per\s*cent\b)|[$€£¥]\s*\d|\b\d[\d,.]*\s*(?:million|billion|thousand|bn)\b
    |\b(?:we|they)\s+(?:demand|insist|require|want)\b|\b(?:demands?|insists?\s+on)\b
    |\b(?:at\s+least|at\s+most|no\s+less\s+than|no\s+more\s+than|not\s+less\s+than)\b
    |\b(?:a\s+minimum\s+of|a\s+maximum\s+of)\b)""",
    re.I | re.X,
)

# ---------------------------------------------------------------------------
# Content pools
# ---------------------------------------------------------------------------

FIRST_NAMES = (
    "Amara", "Bram", "Chen", "Dalia", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kwame", "Lena",
    "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Samir", "Tove", "Uma", "Viktor", "Wanjiru",
    "Xavier", "Yara", "Zoltan", "Aiko", "Bruno", "Carmen", "Dmitri", "Esther", "Felipe", "Hana", "Ivo",
)  # fmt: skip
LAST_NAMES = (
    "Abebe", "Bergström", "Castillo", "Dubois", "Eriksen", "Fontaine", "García", "Haddad", "Ishikawa",
    "Jovanović", "Kowalski", "Lindqvist", "Mensah", "Novak", "O'Connor", "Petrov", "Quispe", "Rahman",
    "Schmidt", "Tanaka", "Urquhart", "Varga", "Whitfield", "Yilmaz", "Zhou", "Achterberg", "Brennan",
    "Okafor", "Moreau", "Delgado", "Greyeyes", "Hendricks",
)  # fmt: skip
ROLES = (
    "Director", "General Manager", "Board Chair", "Chief Negotiator", "Deputy Director", "Policy Lead",
    "Secretary", "President", "Head of Operations", "Legal Counsel", "Programme Manager", "Vice President",
)  # fmt: skip
MEDIATION_FIRMS = (
    "Civic Process Partners", "Western Watershed Mediation Center", "Consensus Building Institute",
    "Harbourside Dispute Resolution", "Common Ground Facilitation", "North Shore Mediation Group",
)  # fmt: skip

# One domain per kind of negotiation. Parties: (slug, name, kind, constituency,
# interests). Issues: (key, question, options). Texts use {place}.
DOMAINS: list[dict[str, Any]] = [
    {
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
    },
    {
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
    },
    {
        "key": "health",
        "places": ("Northvale", "Riverside", "Ashford", "Linden", "Stonebridge", "Westmoor"),
        "title": "{place} Regional Hospital Network Merger Agreement",
        "summary": (
            "Two hospital trusts, the regional health authority, clinicians, nurses and patient groups agree "
            "how acute services in {place} are reorganised across sites, how staff move, and how patients in "
            "outlying towns keep timely access to care."
        ),
        "resource": "clinical capacity",
        "council": "{place} Network Board",
        "parties": [
            (
                "general-hospital",
                "{place} General Hospital Trust",
                "agency",
                "Patients and staff of the trust",
                [
                    "Emergency care that stays safe as patient numbers grow.",
                    "A sustainable budget without closing wards abruptly.",
                ],
            ),
            (
                "community-hospital",
                "{place} Community Hospital Trust",
                "agency",
                "Patients in the outlying towns",
                [
                    "Patients in outlying towns keep care close to home.",
                    "The community hospital keeps a clear role in the network.",
                ],
            ),
            (
                "health-authority",
                "Regional Health Authority",
                "agency",
                "Residents of the region",
                [
                    "Services organised so that scarce specialists are used well.",
                    "Public confidence in the reorganisation.",
                ],
            ),
            (
                "nurses-union",
                "Nurses and Midwives Union, {place} Branch",
                "union",
                "Nursing and midwifery staff",
                ["Safe staffing on every shift.", "No one forced to move site without a fair choice."],
            ),
            (
                "medical-staff",
                "{place} Medical Staff Committee",
                "association",
                "Consultants and junior doctors",
                ["Training posts that stay accredited.", "Clinical decisions led by clinicians."],
            ),
            (
                "patients-forum",
                "{place} Patients' Forum",
                "community",
                "Patients and carers across the region",
                ["Patients understand where to go and can get there."],
            ),
            (
                "ambulance-service",
                "Regional Ambulance Service",
                "agency",
                "Ambulance crews and callers",
                ["Ambulances are not held outside full emergency departments."],
            ),
            (
                "county-council",
                "{place} County Council",
                "government",
                "County residents",
                ["Social care and hospital discharge planned together."],
            ),
        ],
        "issues": [
            (
                "emergency-care",
                "Where is emergency care provided?",
                [
                    "Two full emergency departments",
                    "One major trauma centre and an urgent care centre",
                    "Rotating specialist cover between sites",
                ],
            ),
            (
                "maternity",
                "How are maternity services organised?",
                [
                    "Consultant unit at each site",
                    "One consultant unit and a midwife-led unit",
                    "Home birth team with one consultant unit",
                ],
            ),
            (
                "staff-transfer",
                "How do staff move between employers?",
                [
                    "Voluntary transfer with protected terms",
                    "Single employer from the start",
                    "Secondment for a transition period",
                ],
            ),
            (
                "patient-transport",
                "How do patients reach the right site?",
                ["Free shuttle between sites", "Travel cost reimbursement", "Telemedicine clinics in the towns"],
            ),
            (
                "finance",
                "How are deficits and savings shared?",
                [
                    "Deficit written off by the authority",
                    "Savings shared by formula",
                    "Transition fund with milestones",
                ],
            ),
        ],
    },
    {
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
    },
    {
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
    },
    {
        "key": "housing",
        "places": ("Elmhurst", "Queensbury", "Millford", "Ravenscourt", "Sedgefield", "Tollgate"),
        "title": "{place} University and City Housing Compact",
        "summary": (
            "The university, the city, tenants' associations, a housing cooperative and landlords agree how "
            "student growth in {place} is housed without pricing out long-term residents, and how new halls, "
            "licensing and neighbourhood life are managed together."
        ),
        "resource": "housing units",
        "council": "{place} Town and Gown Committee",
        "parties": [
            (
                "university",
                "University of {place}",
                "other",
                "Students, staff and the governing council",
                ["Students can find safe housing near campus.", "Room to grow research and teaching."],
            ),
            (
                "city-housing",
                "City of {place} Housing Department",
                "government",
                "Residents of the city",
                ["Long-term residents are not priced out of their neighbourhoods."],
            ),
            (
                "tenants-association",
                "{place} Tenants Association",
                "community",
                "Renting households",
                ["Rents that working families can keep paying.", "Repairs done on time."],
            ),
            (
                "students-union",
                "{place} Students' Union",
                "association",
                "Enrolled students",
                ["Affordable rooms within walking distance of lectures."],
            ),
            (
                "housing-coop",
                "{place} Housing Cooperative",
                "association",
                "Cooperative members",
                ["Land for cooperative homes that stay affordable for good."],
            ),
            (
                "landlords",
                "{place} Landlords Association",
                "association",
                "Private landlords",
                ["Licensing rules that are clear and applied evenly."],
            ),
            (
                "residents-group",
                "Old Town Residents Group",
                "community",
                "Homeowners in the old town",
                ["Streets that stay quiet and clean in term time."],
            ),
            (
                "developer",
                "{place} Campus Developments",
                "company",
                "Investors in purpose-built housing",
                ["Planning decisions made within a predictable time."],
            ),
        ],
        "issues": [
            (
                "new-halls",
                "How many new halls are built and where?",
                [
                    "Halls on the north campus",
                    "Mixed halls and family housing on the rail lands",
                    "Conversion of vacant offices downtown",
                ],
            ),
            (
                "licensing",
                "How are shared houses licensed?",
                ["City-wide licensing", "Licensing in three wards only", "Voluntary accreditation with incentives"],
            ),
            (
                "affordability",
                "How are rents kept within reach?",
                [
                    "Rent-to-income cap in new halls",
                    "Bursaries for low-income students",
                    "Cooperative homes on university land",
                ],
            ),
            (
                "neighbourhood-life",
                "How is neighbourhood life protected?",
                ["Student liaison officers", "Joint waste and noise patrols", "Good neighbour agreements"],
            ),
            (
                "land-transfer",
                "Which land changes hands?",
                [
                    "Long lease of university land to the cooperative",
                    "Land swap with the city",
                    "No transfer; joint venture instead",
                ],
            ),
        ],
    },
]

GROUND_RULES = (
    "One single negotiating text kept by the facilitator; proposals are made as edits to it.",
    "Options are explored without commitment; nothing is agreed until everything is agreed.",
    "Technical questions go to joint fact-finding with jointly chosen experts before they are debated.",
    "Each party brings the same principal representative to every plenary.",
    "No party comments to the press on another party's position.",
    "Caucuses are announced, short and open to any party that asks for one.",
    "Constituencies are briefed between plenaries so that nothing surprises them at ratification.",
)
DECISION_RULES = (
    "Consensus: every party can live with the package.",
    "Consensus of all parties; the facilitator tests it by asking who cannot live with the package.",
    "Consensus, with abstentions recorded; a party that abstains does not block.",
)
BATNA_TEMPLATES = (
    "Litigate its claims and accept years of uncertainty about the outcome.",
    "Press its case before the regulator and the courts, at considerable cost.",
    "Act alone within its existing powers and accept the conflict that follows.",
    "Lobby for legislation that settles the matter in its favour, with uncertain prospects.",
    "Wait for the next election or budget cycle and try again on better terms.",
    "Seek a separate deal with the strongest party and leave the others out.",
)
BATNA_IMPROVEMENTS = (
    "Commission an independent study that supports its case.",
    "Build a coalition with neighbouring organisations.",
    "Secure funding that does not depend on the other parties.",
)
ASSESSMENT_SUMMARIES = (
    "Interviews found every party exposed to a costly stalemate and a shared wish for decisions made locally. "
    "Trust was low but not absent, and each party named at least one gain it could not reach alone. The "
    "assessment recommended a facilitated negotiation with joint fact-finding on the contested technical questions.",
    "The assessor heard deep mistrust about who would control the outcome, but broad agreement that the "
    "status quo could not continue. A negotiated settlement was judged feasible if funding and protections "
    "for the most exposed parties were settled before anything was divided.",
    "Stakeholders agreed on the problem but not on the facts behind it. The assessment recommended joint "
    "fact-finding first, a single negotiating text, and an observer seat for those affected who would not sign.",
)
APPROVER_KINDS = (
    ("legislature", "State Legislature", "The enabling act and the appropriation that funds the agreement."),
    ("regulator", "Environmental Regulator", "The permits and licence amendments needed to carry out the terms."),
    ("court", "County Superior Court", "The stipulated judgment that ends the pending litigation."),
    ("board", "Board of Directors", "The budget and the capital programme that the terms depend on."),
    ("agency", "Planning Inspectorate", "The planning consent for the works described in the terms."),
    ("voters", "Voters of the district", "The bond measure that finances the capital works."),
)
NON_PARTIES = (
    ("farmworker-communities", "Farmworker communities", "Seasonal jobs and housing", "Liaison at each plenary"),
    ("domestic-well-owners", "Rural households on domestic wells", "Wells that keep producing", "Public hearings"),
    ("local-schools", "Schools along the affected routes", "Safe routes to school", "Observer seat"),
    ("small-businesses", "Small businesses in the area", "Customers during construction", "Written submissions"),
    ("future-residents", "Future residents of new housing", "Services in place when they arrive", "Hearings"),
    ("visitors", "Visitors and recreational users", "Continued access for recreation", "Online consultation"),
)
CRITERIA = (
    (
        "historical-use",
        "Historical use",
        "Shares follow what each party used or received on average over the reference years.",
    ),
    ("need", "Need", "Those with the least ability to cope with a shortfall are protected first."),
    ("equal-shares", "Equal shares", "What cannot be traced to a contribution is split equally."),
    ("contribution", "Contribution", "Shares follow what each party pays in or brings to the common effort."),
    ("market-value", "Market value", "Values are set by independent appraisal at market rates."),
    ("precedent", "Precedent", "Shares follow comparable settlements elsewhere in the region."),
    ("benefit-pays", "Beneficiary pays", "Costs follow the benefits each party receives."),
)
JUSTIFICATIONS = (
    "Our constituency gains certainty it could not have won in court, at a cost it can carry.",
    "The division follows a criterion we accepted before anything was divided, so no one got more by pushing harder.",
    "We gave ground on the issue that matters least to us and gained most on the issue that matters most.",
    "Every concern our members raised at the briefings is answered by a term, a metric or a safeguard.",
    "The package beats what we could achieve alone, and it can be reviewed if the facts change.",
)
MECHANISMS = (
    (
        "compliance-mechanism",
        "Compliance mechanism",
        "Used for any shortfall in performance. Its first remedy is help; penalties come only after help and a "
        "compliance plan have failed.",
    ),
    (
        "dispute-ladder",
        "Inter-party dispute ladder",
        "For disputes about the meaning of the terms, funding or deadlines.",
    ),
    ("technical-disputes", "Technical dispute procedure", "For disputes about data, models and monitoring results."),
)
LADDERS = (
    [
        (
            "assistance",
            "{council} staff with technical advisers",
            "60 days",
            ["Technical assistance", "Grants from the compliance assistance fund"],
        ),
        ("negotiation", "The party concerned and the {council} agree a compliance plan", "90 days", []),
        (
            "court",
            "The court with continuing jurisdiction over the agreement",
            None,
            ["Orders to perform", "Payment for shortfalls"],
        ),
    ],
    [
        ("negotiation", "Principal representatives of the parties in dispute", "30 days", []),
        ("mediation", "Mediator chosen jointly, or by {firm} failing agreement", "60 days", []),
        ("arbitration", "Panel of three arbitrators; the decision binds the parties in dispute", None, []),
    ],
    [
        ("negotiation", "Technical staff of the parties concerned", "20 business days", []),
        ("committee", "Technical committee of the {council}", "6 weeks", []),
        ("expert-determination", "Independent science panel", None, []),
    ],
)
PROTOCOLS = (
    (
        "annual-report",
        "Annual report",
        "Progress on every term, metric readings and any deadline at risk.",
        "Public report and annual forum",
        "Annually by March 1",
    ),
    (
        "quarterly-meeting",
        "Quarterly implementation meeting",
        "Status of implementation and emerging problems.",
        "Meeting of principal representatives",
        "Quarterly",
    ),
    (
        "incident-notice",
        "Incident notice",
        "Any event that puts a term or a safeguard at risk.",
        "Written notice and text alert",
        "Within 48 hours of the event",
    ),
    (
        "data-portal",
        "Monitoring data release",
        "Raw monitoring data and quality flags.",
        "Public data portal",
        "Monthly",
    ),
    (
        "budget-notice",
        "Budget notice",
        "Funding received and spent against the schedule.",
        "Written report",
        "Within 30 days of each budget decision",
    ),
    (
        "constituency-briefing",
        "Constituency briefing",
        "What changed in the agreement and why.",
        "Briefing sessions and newsletter",
        "Twice a year",
    ),
)
METRICS = (
    (
        "delivery-rate",
        "Delivery against schedule",
        "Share of scheduled milestones delivered on time",
        "percent of milestones",
        "<",
        90,
    ),
    ("complaints", "Complaints received", "Complaints logged by the independent ombud", "count per month", ">", 25),
    (
        "funding-received",
        "Funding received",
        "Funding received as a share of the agreed schedule",
        "percent of schedule",
        "<",
        100,
    ),
    (
        "reporting-completeness",
        "Reporting completeness",
        "Share of required reports filed complete and on time",
        "percent of reports",
        "<",
        95,
    ),
    ("response-time", "Response time", "Median time to respond to an incident notice", "hours", ">", 48),
    (
        "satisfaction",
        "Constituency satisfaction",
        "Share of surveyed members satisfied with implementation",
        "percent of respondents",
        "<",
        60,
    ),
    (
        "backlog",
        "Open actions",
        "Actions from implementation meetings still open after their due date",
        "count",
        ">",
        5,
    ),
)
TRIGGERS = (
    (
        "relationship-health",
        "Working relationship",
        "Whether the parties still solve problems together",
        "Two quarterly meetings in a row end without a joint decision, or a party stops attending.",
        "The facilitator, after hearing every party",
    ),
    (
        "public-confidence",
        "Public confidence",
        "Whether the public still trusts the agreement",
        "Hearings or media coverage show sustained loss of public confidence in the agreement.",
        "The {council}, on advice of the independent observer",
    ),
)
SCENARIOS = (
    (
        "funding-lapse",
        "Funding not provided",
        "Budget pressure leaves a key commitment unfunded.",
        "possible",
        "severe",
    ),
    (
        "non-performance",
        "A party does not perform",
        "A party misses a deadline or delivers less than it promised.",
        "possible",
        "major",
    ),
    (
        "facts-change",
        "The facts change",
        "New data show that an assumption behind the package was wrong.",
        "likely",
        "moderate",
    ),
    (
        "approval-fails",
        "An approval is refused",
        "A regulator, court or legislature refuses or delays an approval.",
        "possible",
        "severe",
    ),
    (
        "leadership-change",
        "Leadership changes",
        "A new leader of a party disowns the agreement or its spirit.",
        "likely",
        "moderate",
    ),
    (
        "data-dispute",
        "Monitoring data disputed",
        "Parties dispute what the monitoring data show.",
        "possible",
        "moderate",
    ),
    (
        "constituency-revolt",
        "Constituency turns against the deal",
        "Members of a party's constituency campaign against ratification or implementation.",
        "unlikely",
        "major",
    ),
)
TERM_TEMPLATES = (
    "The {obligated} put {option} into effect and report progress to the {council} each quarter.",
    "The {obligated} carry out {option}; the {council} reviews the arrangement after three years.",
    "The {obligated} implement {option} and publish the data needed to check that they have done so.",
)
EXTRA_TERMS = (
    (
        "council",
        "Establishment of the {council}",
        "The parties establish the {council}, with one seat for each party, to oversee implementation, receive "
        "reports, judge qualitative triggers and convene the dispute mechanisms.",
        "Within 90 days of the effective date",
    ),
    (
        "monitoring",
        "Joint monitoring programme",
        "The parties fund a joint monitoring programme run by an independent contractor chosen by consensus, whose "
        "data are published on a public portal.",
        "Within six months of the effective date",
    ),
    (
        "funding",
        "Funding of implementation",
        "The parties contribute to implementation costs in the shares set out under value distribution, paid "
        "into a trust account administered for the {council}.",
        None,
    ),
    (
        "review",
        "Review of the agreement",
        "The parties review the agreement together every five years, and earlier if a failure scenario occurs, "
        "and may amend it by consensus.",
        None,
    ),
)

# ---------------------------------------------------------------------------
# A small YAML writer: block style, plain scalars unless quoting is needed
# ---------------------------------------------------------------------------


class Flow(list):
    """A list written in flow style: ``[a, b]``."""


class FlowMap(dict):
    """A mapping written in flow style: ``{a: 1, b: 2}``."""


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NUMBERISH = re.compile(r"[-+.]?[0-9][0-9a-fA-FxXoObB_.:+-]*\Z|[-+]?\.(inf|Inf|INF|nan|NaN|NAN)\Z")
_SPECIAL_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_INDICATORS = set("-?:,[]{}#&*!|><='\"%@`")
FOLD_WIDTH = 78
MAX_PLAIN_LINE = 118


def _plain_ok(text: str, flow: bool) -> bool:
    """Whether ``text`` can be written as a plain scalar and read back as the same text."""
    if not text or text != text.strip() or any(c in text for c in "\n\r\t"):
        return False
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(c in text for c in ",[]{}:"):
        return False
    if text.lower() in _SPECIAL_WORDS:
        return False
    return bool(_DATE.match(text)) or not _NUMBERISH.match(text)


def scalar(value: Any, *, flow: bool = False) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    return text if _plain_ok(text, flow) else json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, FlowMap):
        return "{" + ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"


def _fold(text: str, indent: int) -> list[str]:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > FOLD_WIDTH - indent:
            lines.append(" " * indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(" " * indent + line)
    return lines


def _entry(key: str, value: Any, lead: str, indent: int, out: list[str]) -> None:
    if isinstance(value, (Flow, FlowMap)):
        out.append(f"{lead}{key}: {_flow(value)}")
    elif isinstance(value, dict):
        out.append(f"{lead}{key}:")
        _mapping(value, indent + 2, out)
    elif isinstance(value, list):
        out.append(f"{lead}{key}:")
        _sequence(value, indent + 2, out)
    elif isinstance(value, str) and len(lead) + len(key) + 2 + len(value) > MAX_PLAIN_LINE and "  " not in value:
        out.append(f"{lead}{key}: >-")
        out.extend(_fold(value, indent + 2))
    else:
        out.append(f"{lead}{key}: {scalar(value)}")


def _mapping(data: dict[str, Any], indent: int, out: list[str], first_lead: str | None = None) -> None:
    pad = " " * indent
    for i, (key, value) in enumerate(data.items()):
        if key.startswith("#"):  # a comment block before the next key
            out.extend(value)
            continue
        _entry(key, value, first_lead if i == 0 and first_lead is not None else pad, indent, out)


def _sequence(items: list[Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, (Flow, FlowMap)):
            out.append(f"{pad}- {_flow(item)}")
        elif isinstance(item, dict):
            _mapping(item, indent + 2, out, first_lead=pad + "- ")
        else:
            out.append(f"{pad}- {scalar(item)}")


def to_yaml(data: dict[str, Any]) -> str:
    out = ["# yaml-language-server: $schema=../schema/agreement.schema.json"]
    _mapping(data, 0, out)
    return "\n".join(out) + "\n"


def _banner(title: str) -> list[str]:
    return ["", f"# --- {title} " + "-" * (70 - len(title))]


# ---------------------------------------------------------------------------
# Building one agreement
# ---------------------------------------------------------------------------


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


@dataclass
class _Ids:
    used: set[str] = field(default_factory=set)

    def take(self, wanted: str) -> str:
        wanted = slugify(wanted)[:60].strip("-")
        ident, n = wanted, 2
        while ident in self.used:
            ident, n = f"{wanted}-{n}", n + 1
        self.used.add(ident)
        return ident


def _date(year: int, day_of_year: int) -> str:
    import datetime

    return (datetime.date(year, 1, 1) + datetime.timedelta(days=day_of_year)).isoformat()


_STOP_WORDS = frozenset(
    {
        "a", "an", "and", "the", "of", "to", "for", "in", "on", "at", "by", "with", "from", "that", "this", "their",
        "its", "is", "are", "be", "can", "not", "no", "every", "each", "who", "what", "how", "when", "where", "which",
        "so", "than", "as", "or", "into", "over", "still", "stay", "stays", "keep", "keeps",
    }
)  # fmt: skip


def _keywords(text: str, count: int) -> list[str]:
    """The first ``count`` content words of ``text`` (for readable ids)."""
    words = [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in _STOP_WORDS]
    return words[:count]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text and not text[:2].isupper() else text


@dataclass
class Agreement:
    """A generated agreement plus what the mutations need to know about it."""

    ident: str
    data: dict[str, Any]
    status: str


def build(rng: random.Random, ident_prefix: str, number: int, earlier: list[str]) -> Agreement:
    domain = rng.choice(DOMAINS)
    place = rng.choice(domain["places"])
    council = domain["council"].format(place=place)
    fill = {"place": place}
    ident = f"{slugify(place)}-{domain['key']}-{ident_prefix}{number:04d}"
    ids = _Ids({ident})
    status_rank = rng.choices(range(len(STATUSES)), weights=STATUS_WEIGHTS)[0]
    status = STATUSES[status_rank]
    at_least = lambda s: status_rank >= STATUSES.index(s)  # noqa: E731

    # Timeline: one date per status reached, a few weeks to months apart.
    year = rng.randint(2018, 2025)
    day = rng.randint(0, 200)
    history = []
    for s in STATUSES[: status_rank + 1]:
        if s in ("terminated", "expired") and s != status:
            continue
        if s == "amended" and status in ("terminated", "expired") and rng.random() < 0.5:
            continue
        history.append((s, _date(year, day)))
        day += rng.randint(30, 160)
    status_date = dict(history)

    data: dict[str, Any] = {"id": ident}
    data["title"] = domain["title"].format(**fill)
    data["summary"] = domain["summary"].format(**fill)
    data["version"] = f"{rng.randint(0, 2)}.{rng.randint(0, 12)}" + ("-draft" if status_rank < 3 else "")
    data["status"] = status
    data["status_history"] = [
        {"status": s, "date": d, **({"note": _history_note(s, council)} if rng.random() < 0.7 else {})}
        for s, d in history
    ]
    if at_least("agreed"):
        effective_year = int(status_date["agreed"][:4]) + 1
        data["effective"] = f"{effective_year}-01-01"
        data["expires"] = f"{effective_year + rng.choice((5, 10, 15, 25, 50)) - 1}-12-31"
        if rng.random() < 0.5:
            data["termination"] = (
                "The agreement ends on the expiry date unless the parties renew it by consensus. It terminates "
                "without breach if a required approval is refused and the parties cannot agree on a substitute "
                "within six months."
            )
    data["confidentiality"] = rng.choice(("public", "public", "restricted", "confidential"))
    data["languages"] = Flow(rng.choice((["en"], ["en"], ["en", "fr"], ["en", "es"], ["en", "cy"])))
    if rng.random() < 0.6:
        data["convenor"] = {"name": _person(rng), "organisation": f"Office of the Mayor of {place}", "role": "Convenor"}
    firm = rng.choice(MEDIATION_FIRMS)
    data["facilitator"] = {"name": _person(rng), "organisation": firm, "role": "Lead mediator"}
    if earlier and rng.random() < 0.25:
        data["related"] = [
            {"agreement": rng.choice(earlier), "relation": rng.choice(("related", "depends-on", "parent"))}
        ]

    # --- Preparation -------------------------------------------------------------
    flow_people = rng.random() < 0.5  # authors differ in how they write short records
    n_parties = rng.choice((4, 4, 5, 5, 5, 6, 6, 7, 8))
    chosen = rng.sample(domain["parties"], min(n_parties, len(domain["parties"])))
    parties: list[dict[str, Any]] = []
    interests: list[str] = []  # ids of interests that terms must serve
    party_ids: list[str] = []  # parties with status "party"
    prospective_ok = at_least("negotiating")
    for i, (slug, name, kind, constituency, statements) in enumerate(chosen):
        pid = ids.take(slug)
        party: dict[str, Any] = {"id": pid, "name": name.format(**fill), "kind": kind}
        if rng.random() < 0.6:
            party["constituency"] = constituency
        person = FlowMap if flow_people else dict
        party["representatives"] = [person(name=_person(rng), role=rng.choice(ROLES))]
        if rng.random() < 0.1:
            party["representatives"].append(person(name=_person(rng), role=rng.choice(ROLES), alternate=True))
        standing = "party"
        if i == len(chosen) - 1 and prospective_ok and len(chosen) >= 5:
            standing = rng.choice(("party", "party", "party", "prospective", "withdrawn"))
        if standing != "party":
            party["status"] = standing
            if standing == "prospective":
                party["status_history"] = [
                    {
                        "status": "prospective",
                        "condition": f"The regulator approves the petition of {party['name']} to join the scheme.",
                        "note": "It signs an accession instrument within 60 days of that approval.",
                    }
                ]
            else:
                party["status_history"] = [
                    {"status": "party", "date": history[0][1], "note": "Took a seat at the opening plenary."},
                    {"status": "withdrawn", "date": history[-1][1], "note": "Withdrew before the package was agreed."},
                ]
        else:
            party_ids.append(pid)
        party_interests = []
        for statement in statements[: rng.randint(1, len(statements))]:
            iid = ids.take(f"{slug.split('-')[0]}-{' '.join(_keywords(statement, 3))}")
            interest: dict[str, Any] = {"id": iid, "statement": statement}
            assert not _POSITION.search(statement), statement
            if rng.random() < 0.2:
                interest["position"] = f"No less than {rng.randint(10, 60)} percent of the {domain['resource']}."
            if rng.random() < 0.6:
                interest["priority"] = rng.choice(("essential", "high", "high", "medium", "low"))
            if standing == "withdrawn":
                interest["unaddressed"] = "The party withdrew before this interest was negotiated."
            else:
                interests.append(iid)
            party_interests.append(interest)
        party["interests"] = party_interests
        if standing != "withdrawn":
            batna: dict[str, Any] = {"description": rng.choice(BATNA_TEMPLATES)}
            if rng.random() < 0.5:
                batna["strength"] = rng.choice(("weak", "moderate", "moderate", "strong"))
                batna["reservation_value"] = rng.randint(20, 60)
            if rng.random() < 0.1:
                batna["improvements"] = rng.sample(BATNA_IMPROVEMENTS, 2)
            party["batna"] = batna
        parties.append(party)

    preparation: dict[str, Any] = {}
    if rng.random() < 0.4:
        preparation["stakeholder_assessment"] = {
            "summary": rng.choice(ASSESSMENT_SUMMARIES),
            "conducted_by": firm,
            "date": _date(year - 1, rng.randint(200, 360)),
            "interviews": rng.randint(12, 80),
            "recommendation": rng.choice(("proceed", "proceed-with-conditions")),
        }
    preparation["ground_rules"] = rng.sample(GROUND_RULES, rng.randint(2, 3))
    preparation["decision_rule"] = rng.choice(DECISION_RULES)
    preparation["parties"] = parties
    groups = []
    if len(party_ids) >= 5 and rng.random() < 0.5:
        members = party_ids[:2]
        gid = ids.take(f"{slugify(place)}-coalition")
        groups.append(
            {
                "id": gid,
                "name": f"{place} Coalition",
                "description": "Parties that share implementation duties and are bound as a class by joint terms.",
                "members": Flow(members),
                "interests": [
                    {
                        "id": ids.take(f"{gid}-shared-burden"),
                        "statement": ("Duties shared fairly among members so that none carries the burden alone."),
                        "priority": "high",
                    }
                ],
            }
        )
        interests.append(groups[0]["interests"][0]["id"])
        preparation["groups"] = groups
    non_parties = []
    for np_id, np_name, concern, heard in rng.sample(NON_PARTIES, 1):
        non_parties.append({"id": ids.take(np_id), "name": np_name, "concerns": Flow([concern]), "how_heard": heard})
    preparation["affected_non_parties"] = non_parties
    approvers = []
    for kind, name, approves in rng.sample(APPROVER_KINDS, rng.choice((1, 1, 2))):
        approvers.append({"id": ids.take(name), "name": name, "kind": kind, "approves": approves})
    preparation["approvers"] = approvers
    data["#prep"] = _banner("Phase 1: Preparation")
    data["preparation"] = preparation

    # --- Value creation ----------------------------------------------------------
    chosen_issues = rng.sample(domain["issues"], rng.choice((3, 3, 3, 3, 3, 4)))
    issues, picks = [], []  # picks: (issue id, option ids)
    write_binding = rng.random() < 0.5  # authors differ in spelling out "binding: false"
    for key, question, option_titles in chosen_issues:
        iss = ids.take(key)
        options = []
        for title in option_titles[: rng.choice((2, 2, 3))]:
            option: dict[str, Any] = {"id": ids.take(f"{key.split('-')[0]}-{' '.join(_keywords(title, 3))}")}
            option["title"] = title
            if rng.random() < 0.15:
                option["description"] = (
                    f"{title} could answer the question for every party, with details left to joint fact-finding."
                )
            if write_binding:
                option["binding"] = False
            if rng.random() < 0.6:
                option["proposed_by"] = rng.choice(party_ids)
            for text in (option["title"], option.get("description", "")):
                assert not _COMMITMENT.search(text), text
            options.append(option)
        issues.append({"id": iss, "title": question, "options": options})
        picks.append((iss, [o["id"] for o in options]))
    packages = []
    for n in range(rng.choice((1, 1, 2))):
        pkg = {
            "id": ids.take(f"package-{'abc'[n]}"),
            "title": f"Package {'ABC'[n]}",
            "options": Flow(rng.choice(opts) for _, opts in picks),
        }
        if rng.random() < 0.5:
            pkg["rationale"] = "Trades across issues so that each party gains most on what it values most."
        pkg["adopted"] = n == 0 and at_least("proposed")
        packages.append(pkg)
    value_creation: dict[str, Any] = {"issues": issues, "packages": packages}
    if rng.random() < 0.25:
        value_creation["fact_finding"] = [
            {
                "id": ids.take("joint-study"),
                "question": f"What do the best available data say about {_lower_first(chosen_issues[0][1])}",
                "finding": "The jointly chosen experts found the data sufficient to compare the options.",
                "source": "Joint technical study",
                "confidence": rng.choice(("medium", "high")),
            }
        ]
    data["#vc"] = _banner("Phase 2: Value creation")
    data["value_creation"] = value_creation

    # --- Value distribution ------------------------------------------------------
    criteria = []
    for key, principle, description in rng.sample(CRITERIA, rng.choice((1, 1, 2))):
        cid = ids.take(key)
        # Before the proposal, only some parties have accepted the criterion yet.
        agreeing = party_ids if at_least("proposed") else party_ids[: rng.randint(1, len(party_ids))]
        agreed_date = status_date.get("negotiating", history[0][1])
        criteria.append(
            {
                "id": cid,
                "principle": principle,
                "description": description,
                "agreed_by": [FlowMap(party=p, date=agreed_date) for p in agreeing],
            }
        )
    allocations = []
    for n in range(rng.choice((1, 1, 2))):
        receivers = rng.sample(party_ids, min(len(party_ids), rng.randint(2, 3)))
        shares = [f"{s} percent" for s in _split(rng, 100, len(receivers))]
        allocations.append(
            {
                "id": ids.take(f"allocation-{domain['resource']}-{n + 1}"),
                "what": f"{domain['resource'].capitalize()} set aside for {issues[n]['id'].replace('-', ' ')}",
                "criterion": rng.choice(criteria)["id"],
                "issue": issues[n]["id"],
                "shares": [FlowMap(to=r, share=s) for r, s in zip(receivers, shares, strict=True)],
            }
        )
    value_distribution: dict[str, Any] = {"criteria": criteria, "allocations": allocations}
    if at_least("proposed"):
        value_distribution["justifications"] = [{"party": p, "text": rng.choice(JUSTIFICATIONS)} for p in party_ids]
    if at_least("agreed"):
        value_distribution["consensus"] = {
            "method": "The facilitator asked each party in turn whether it could live with the package.",
            "date": status_date["agreed"],
            "outcome": rng.choice(("consensus", "consensus", "consensus-with-abstentions")),
        }
    data["#vd"] = _banner("Phase 3: Value distribution")
    data["value_distribution"] = value_distribution

    # --- Terms ---------------------------------------------------------------------
    adopted = packages[0]["options"]
    option_title = {o["id"]: o["title"] for issue in issues for o in issue["options"]}
    terms = []
    obligable = party_ids + [g["id"] for g in groups]
    for iss, chosen_option in zip(issues, adopted, strict=True):
        iss_id = iss["id"]
        obligated = rng.sample(obligable, rng.choice((1, 1, 2)))
        term: dict[str, Any] = {"id": ids.take(f"term-{iss_id}")}
        if rng.random() < 0.6:
            term["title"] = iss["title"].rstrip("?")
        term["text"] = rng.choice(TERM_TEMPLATES).format(
            obligated=_names(obligated, parties, groups),
            option=_lower_first(option_title[chosen_option]),
            council=council,
        )
        term["obligated"] = Flow(obligated)
        if rng.random() < 0.2:
            term["beneficiaries"] = Flow([rng.choice(non_parties)["id"]])
        if rng.random() < 0.6:
            term["due"] = _date(year + 2, rng.randint(0, 360))
        else:
            term["recurring"] = rng.choice(("Annually", "Quarterly", "Every water year", "Each budget cycle"))
        if rng.random() < 0.15:
            term["conditions"] = [
                {
                    "if": f"The {approvers[0]['name']} gives the approval this term needs.",
                    "then": "If the approval is refused, the parties meet within 60 days to agree a substitute.",
                    "approver": approvers[0]["id"],
                    "by": _date(year + 2, rng.randint(0, 360)),
                }
            ]
        term["adopts"] = Flow([chosen_option])
        terms.append(term)
    for key, title, text, due in rng.sample(EXTRA_TERMS, rng.choice((0, 0, 1, 1, 2))):
        obligated = rng.sample(obligable, rng.randint(2, min(4, len(obligable))))
        term = {"id": ids.take(f"term-{key}"), "title": title.format(council=council)}
        term["text"] = text.format(council=council)
        term["obligated"] = Flow(obligated)
        if due:
            term["due"] = due
        terms.append(term)
    # Every interest at the table is served by some term.
    for n, iid in enumerate(interests):
        terms[n % len(terms)].setdefault("serves", Flow()).append(iid)
    for term in terms:  # keep keys in schema order: serves before adopts
        if "adopts" in term:
            term["adopts"] = term.pop("adopts")
    data["#terms"] = _banner("Terms")
    data["terms"] = terms

    # --- Follow-through -------------------------------------------------------------
    mechanisms = []
    for n in sorted(rng.sample(range(len(MECHANISMS)), rng.choice((1, 2, 2)))):
        (key, name, description), ladder = MECHANISMS[n], LADDERS[n]
        steps = []
        for kind, who, limit, remedies in ladder:
            step: dict[str, Any] = {"kind": kind, "who": who.format(council=council, firm=firm)}
            if limit:
                step["time_limit"] = limit
            if remedies:
                step["remedies"] = Flow(remedies)
            steps.append(step)
        mechanism: dict[str, Any] = {"id": ids.take(key), "name": name}
        if rng.random() < 0.5:
            mechanism["description"] = description
        mechanism["steps"] = steps
        mechanisms.append(mechanism)
    protocols = []
    audiences = party_ids + [a["id"] for a in approvers] + [n["id"] for n in non_parties]
    for key, name, what, channel, cadence in rng.sample(PROTOCOLS, rng.choice((2, 2, 2, 3))):
        protocols.append(
            {
                "id": ids.take(key),
                **({"name": name} if rng.random() < 0.5 else {}),
                "from": Flow(rng.sample(party_ids, rng.randint(1, 2))),
                "to": Flow(rng.sample(audiences, rng.randint(2, min(5, len(audiences))))),
                "what": what,
                "channel": channel,
                "cadence": cadence,
            }
        )
    metrics = []
    for key, name, measure, unit, comparator, value in rng.sample(METRICS, 3):
        metric: dict[str, Any] = {"id": ids.take(key)}
        if rng.random() < 0.5:
            metric["name"] = name
        metric["measure"] = measure
        if rng.random() < 0.5:
            metric["unit"] = unit
        metric["threshold"] = FlowMap(comparator=comparator, value=value)
        metric["cadence"] = rng.choice(("Monthly", "Quarterly", "Annually"))
        metric["owner"] = rng.choice(party_ids)
        if rng.random() < 0.25:
            metric["data_source"] = rng.choice(
                ("Implementation tracker", "Independent monitoring contractor", "Ombud case system", "Treasury records")
            )
        metrics.append(metric)
    if rng.random() < 0.25:
        key, name, measure, description, judged_by = rng.choice(TRIGGERS)
        metrics.append(
            {
                "id": ids.take(key),
                "name": name,
                "measure": measure,
                "trigger": {"description": description, "judged_by": judged_by.format(council=council)},
                "cadence": "Quarterly",
                "owner": rng.choice(party_ids),
            }
        )
    scenarios = []
    for key, title, description, likelihood, impact in rng.sample(SCENARIOS, rng.choice((4, 4, 4, 4, 5))):
        scenario: dict[str, Any] = {"id": ids.take(key)}
        if rng.random() < 0.5:
            scenario["title"] = title
        scenario["description"] = description
        if rng.random() < 0.3:
            scenario["likelihood"] = likelihood
            scenario["impact"] = impact
        scenarios.append(
            {
                **scenario,
                "dispute_mechanisms": Flow(m["id"] for m in rng.sample(mechanisms, rng.randint(1, len(mechanisms)))),
                "protocols": Flow(p["id"] for p in rng.sample(protocols, rng.randint(1, 2))),
                "metrics": Flow(m["id"] for m in rng.sample(metrics, rng.randint(1, 2))),
            }
        )
    data["#ft"] = _banner("Phase 4: Follow-through")
    data["follow_through"] = {
        "dispute_mechanisms": mechanisms,
        "protocols": protocols,
        "metrics": metrics,
        "failure_scenarios": scenarios,
    }

    if at_least("agreed"):
        signed = status_date.get("signed", status_date["agreed"])
        data["signatories"] = [
            FlowMap(
                party=p["id"], name=p["representatives"][0]["name"], title=p["representatives"][0]["role"], date=signed
            )
            for p in parties
            if p["id"] in party_ids
        ]
    if "amended" in status_date:
        data["amendments"] = [
            {
                "id": ids.take("amendment-1"),
                "date": status_date["amended"],
                "summary": "Deadlines moved back by six months after a delayed approval; nothing else changes.",
                "approved_by": Flow(party_ids),
                "terms": Flow([terms[0]["id"]]),
            }
        ]
    return Agreement(ident, data, status)


# ---------------------------------------------------------------------------
# Trimming to a line budget
# ---------------------------------------------------------------------------
#
# The structure (how many parties, issues, terms, scenarios ...) is drawn at
# random; optional details are then left out, least important first, until
# the file fits its line budget. Nothing removed here is needed for validity.


def _each(data: dict[str, Any], *path: str | int) -> list[dict[str, Any]]:
    node: Any = data
    for step in path:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and len(node) > step else None
        else:
            node = node.get(step) if isinstance(node, dict) else None
    return [x for x in node if isinstance(x, dict)] if isinstance(node, list) else []


def _drop(items: list[dict[str, Any]], *keys: str) -> None:
    for item in items:
        for key in keys:
            item.pop(key, None)


def _options(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for issue in _each(data, "value_creation", "issues") for o in _each(issue, "options")]


def _interests(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for p in _each(data, "preparation", "parties") for i in _each(p, "interests")]


_TRIMMERS = (
    lambda d: d["value_creation"].pop("fact_finding", None),
    lambda d: d["preparation"].pop("stakeholder_assessment", None),
    lambda d: _drop(_options(d), "description"),
    lambda d: _drop([d], "related", "termination"),
    lambda d: _drop(_each(d, "status_history"), "note"),
    lambda d: _drop(_each(d, "follow_through", "metrics"), "data_source"),
    lambda d: _drop(_each(d, "follow_through", "dispute_mechanisms"), "description"),
    lambda d: _drop(_each(d, "follow_through", "failure_scenarios"), "likelihood", "impact"),
    lambda d: _drop(_each(d, "follow_through", "protocols"), "name"),
    lambda d: _drop(_each(d, "follow_through", "metrics"), "name"),
    lambda d: _drop(_each(d, "follow_through", "failure_scenarios"), "title"),
    lambda d: _drop(_each(d, "terms"), "title", "beneficiaries"),
    lambda d: _drop(_interests(d), "priority"),
    lambda d: _drop(
        [b for p in _each(d, "preparation", "parties") if isinstance(b := p.get("batna"), dict)],
        "strength",
        "reservation_value",
        "improvements",
    ),
    lambda d: _drop(_each(d, "value_creation", "packages"), "rationale"),
    lambda d: _drop([d], "convenor"),
    lambda d: _drop(_each(d, "preparation", "parties"), "constituency"),
    lambda d: _drop(_each(d, "follow_through", "metrics"), "unit"),
    lambda d: _drop(_options(d), "proposed_by"),
    lambda d: d["value_creation"]["packages"].__delitem__(slice(1, None)),
    lambda d: d["value_distribution"].pop("consensus", None),
    lambda d: d["preparation"]["ground_rules"].__delitem__(slice(2, None)),
    lambda d: _drop(_each(d, "follow_through", "dispute_mechanisms", 0, "steps"), "remedies"),
    lambda d: _drop(_each(d, "preparation", "parties")[1::2], "representatives"),
)


def line_count(data: dict[str, Any]) -> int:
    """How many lines :func:`to_yaml` writes for ``data`` (counted without writing them)."""
    return 1 + _count_mapping(data, 0)


def _count_entry(key: str, value: Any, indent: int) -> int:
    if isinstance(value, (Flow, FlowMap)):
        return 1
    if isinstance(value, dict):
        return 1 + _count_mapping(value, indent + 2)
    if isinstance(value, list):
        return 1 + _count_sequence(value, indent + 2)
    if isinstance(value, str) and indent + len(key) + 2 + len(value) > MAX_PLAIN_LINE and "  " not in value:
        return 1 + len(_fold(value, indent + 2))
    return 1


def _count_mapping(data: dict[str, Any], indent: int) -> int:
    return sum(len(v) if k.startswith("#") else _count_entry(k, v, indent) for k, v in data.items())


def _count_sequence(items: list[Any], indent: int) -> int:
    return sum(
        _count_mapping(x, indent + 2) if isinstance(x, dict) and not isinstance(x, FlowMap) else 1 for x in items
    )


def trim(data: dict[str, Any], budget: int) -> int:
    """Leave out optional details until the agreement fits in ``budget`` lines; returns its length."""
    lines = line_count(data)
    for trimmer in _TRIMMERS:
        if lines <= budget:
            break
        trimmer(data)
        lines = line_count(data)
    return lines


def _history_note(status: str, council: str) -> str:
    return {
        "draft": "Convenor commissions a stakeholder assessment.",
        "negotiating": "Opening plenary; ground rules and a single negotiating text adopted.",
        "proposed": "Package released for constituency review.",
        "agreed": "Consensus test passed; ratification by governing bodies follows.",
        "signed": "Signed by all parties.",
        "amended": f"Amendment approved by the {council}.",
        "terminated": "Terminated by consensus after its purpose was fulfilled.",
        "expired": "Expired on its expiry date; a successor agreement is under negotiation.",
    }[status]


def _names(ids: list[str], parties: list[dict[str, Any]], groups: list[dict[str, Any]]) -> str:
    by_id = {p["id"]: p["name"] for p in parties + groups}
    names = [by_id[i] for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.sample(range(5, total - 4, 5), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(bounds)]


# ---------------------------------------------------------------------------
# Mutations: realistic findings for the slow path
# ---------------------------------------------------------------------------


def mutate(agreement: Agreement, kind: str, rng: random.Random) -> None:
    data = agreement.data
    ft = data["follow_through"]
    if kind == "missing-metric":
        del rng.choice(ft["failure_scenarios"])["metrics"]
    elif kind == "dangling-reference":
        term = next(t for t in data["terms"] if t.get("serves"))
        ident = term["serves"][0]
        term["serves"][0] = ident[:-1] if len(ident) > 6 else ident + "s"
    elif kind == "metric-without-owner":
        del rng.choice(ft["metrics"])["owner"]
    elif kind == "misspelt-key":
        protocol = rng.choice(ft["protocols"])
        protocol["cadance"] = protocol.pop("cadence")
    elif kind == "impossible-date":
        entry = data["status_history"][-1]
        entry["date"] = entry["date"][:5] + "02-30"
    elif kind == "ladder-without-decision":
        mechanism = rng.choice(ft["dispute_mechanisms"])
        mechanism["steps"][-1]["kind"] = "mediation"
        mechanism["steps"][-1].pop("remedies", None)
    else:
        raise ValueError(kind)


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


@dataclass
class Generated:
    path: Path
    lines: int
    status: str
    mutation: str | None


def generate(
    outdir: Path,
    count: int,
    *,
    seed: int = 1,
    invalid_fraction: float = 0.0,
    prefix: str = "",
    budget: int = 270,
    spread: int = 40,
) -> list[Generated]:
    """Write ``count`` agreements into ``outdir``; returns what was written, in order.

    Each file gets a line budget drawn from ``budget ± spread``; optional details are left out until it
    fits. The structure (4-8 parties, 3-4 issues, 4-5 failure scenarios ...) is never cut, so larger
    agreements stay above their budget: the defaults give a mean of about 300 lines.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    invalid_count = round(count * invalid_fraction)
    picked = sorted(random.Random(f"{seed}:invalid").sample(range(count), invalid_count))
    invalid = {number: MUTATIONS[k % len(MUTATIONS)] for k, number in enumerate(picked)}
    written: list[Generated] = []
    earlier: list[str] = []
    for number in range(count):
        rng = random.Random(f"{seed}:{number}")
        agreement = build(rng, prefix, number, earlier[-50:])
        trim(agreement.data, rng.randint(budget - spread, budget + spread))
        mutation = None
        if number in invalid:
            mutation = invalid[number]
            mutate(agreement, mutation, rng)
        text = to_yaml(agreement.data)
        path = outdir / f"{agreement.ident}.yaml"
        path.write_text(text, encoding="utf-8")
        written.append(Generated(path, text.count("\n"), agreement.status, mutation))
        earlier.append(agreement.ident)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, help="folder to write the agreements to")
    parser.add_argument("-n", "--count", type=int, default=1000, help="number of agreements (default: 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument(
        "--invalid-fraction", type=float, default=0.0, metavar="F",
        help="share of files that carry one realistic finding (default: 0)",
    )  # fmt: skip
    parser.add_argument("--clean", action="store_true", help="delete *.yaml files already in OUTDIR first")
    args = parser.parse_args(argv)
    if not 0 <= args.invalid_fraction <= 1:
        parser.error("--invalid-fraction must be between 0 and 1")
    existing = sorted(args.outdir.glob("*.yaml")) if args.outdir.is_dir() else []
    if existing:
        if not args.clean:
            parser.error(f"{args.outdir} already holds {len(existing)} .yaml files; pass --clean to replace them")
        for path in existing:
            path.unlink()
    written = generate(args.outdir, args.count, seed=args.seed, invalid_fraction=args.invalid_fraction)
    lines = sorted(g.lines for g in written)
    mutated = [g for g in written if g.mutation]
    print(
        f"wrote {len(written)} agreements to {args.outdir}: lines min {lines[0]}, "
        f"median {lines[len(lines) // 2]}, mean {sum(lines) / len(lines):.0f}, max {lines[-1]}; "
        f"{len(mutated)} with a finding"
    )
    for g in mutated:
        print(f"  {g.path.name}: {g.mutation}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
