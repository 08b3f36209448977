"""Word pools for the follow-through phase: dispute ladders, protocols, metrics, scenarios.

``MECHANISMS`` and ``LADDERS`` are parallel: the n-th mechanism climbs the n-th
ladder, whose steps are ``(kind, who, time limit, remedies)``. Texts use
``{council}`` and ``{firm}`` (the mediation firm of the agreement).

The order of every pool matters: the generator draws from them with a seeded
random number generator, so reordering a pool changes the generated files.
"""

from __future__ import annotations

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
