"""Word pools of the many-party agreement (:mod:`synthetic.many_parties`): member names, interests, issues.

The order of every pool matters: the generator draws from them with a seeded
random number generator, so reordering a pool changes the generated file.
"""

from __future__ import annotations

COUNCIL = "Compact Board"
ROOTS = (
    "Ash", "Birch", "Cedar", "Elm", "Fern", "Glen", "Hazel", "Holly", "Iron", "Juniper", "Kings", "Lark",
    "Maple", "North", "Oak", "Pine", "Quarry", "Raven", "Stone", "Thorn", "Upton", "Vale", "Willow", "York",
    "Alder", "Bramble", "Clover", "Dover", "Eagle", "Fox", "Granite", "Heron", "Ivy", "Kestrel", "Linden",
    "Marsh", "Nettle", "Otter", "Poplar", "Rowan", "Sparrow", "Tamarack", "Walnut", "Yarrow", "Beacon",
    "Copper", "Deer", "Falcon", "Gold", "Hart", "Lake", "Mill", "Orchard", "Red", "Silver", "Spring",
    "Summer", "White", "Wolf", "Bell",
)  # fmt: skip
SUFFIXES = (
    "ford", "field", "ton", "bury", "ville", "wood", "dale", "brook", "haven", "ridge", "port", "mouth",
    "stead", "worth", "bridge", "cliff", "hurst", "mere", "moor", "well", "by", "holm", "shaw", "combe",
    "wick", "minster", "land", "gate", "croft", "burn",
)  # fmt: skip
# (form of the name, kind, role of the signatory)
FORMS = (
    ("City of {}", "government", "Mayor"),
    ("Town of {}", "government", "Town Supervisor"),
    ("Village of {}", "government", "Village President"),
    ("{} Township", "government", "Township Trustee"),
    ("{} County", "government", "County Executive"),
    ("{} Water and Sewer District", "agency", "General Manager"),
)
INTERESTS = (  # (key of the id, statement)
    ("dry-homes", "Homes and businesses in {place} stay dry in a hundred-year storm."),
    ("affordable-fees", "Stormwater fees in {place} stay affordable for households on fixed incomes."),
    ("known-standard", "Engineers in {place} can plan works knowing the design storm of their neighbours."),
    ("no-transfer", "Flooding upstream of {place} is not pushed downstream onto its streets."),
    ("grants", "Grants for green infrastructure in {place} are not lost for want of a regional plan."),
    ("local-control", "Elected officials of {place} keep control over local zoning and permits."),
)
OWN_WORKS = (
    "replaces the undersized culvert at {place} Road",
    "restores the floodplain wetland along {place} Creek",
    "raises the levee protecting the {place} neighbourhood",
    "separates the combined sewer under {place} Street",
    "buys out the repeatedly flooded homes on {place} Lane",
)
ISSUES = (
    (
        "design-storm",
        "Which storm must new drainage works withstand?",
        ("Each member keeps its own standard", "One regional design storm, reviewed every ten years"),
    ),
    (
        "cost-sharing",
        "How are the costs of regional works shared?",
        ("Equal shares per member", "Shares by impervious area", "Shares by population and impervious area"),
    ),
    (
        "data-sharing",
        "What flood data do members share?",
        ("Rain gauges only", "Gauges, outfall maps and flood claims in one regional portal"),
    ),
)
# Interests and BATNA of a caucus, which speaks for its members in the lean form.
CAUCUS_INTERESTS = (
    ("dry-streets", "Streets and homes along the caucus's receiving stream stay dry in a hundred-year storm."),
    ("fair-costs", "Small members do not pay more per household than large ones for the same protection."),
)
CAUCUS_BATNA = "Each member keeps its own permit and its own standard, and floods move from one member to the next."
