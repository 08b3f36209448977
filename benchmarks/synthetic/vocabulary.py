"""Word pools for the parts of an agreement that do not depend on its domain.

People, the preparation phase (ground rules, BATNAs, approvers, affected
non-parties), value distribution (criteria, justifications) and term texts.
Texts use ``{council}`` where the council of the agreement is named. The pools
for the follow-through phase are in :mod:`synthetic.follow_through_vocabulary`,
the domain-specific parties and issues in :mod:`synthetic.domains`.

The order of every pool matters: the generator draws from them with a seeded
random number generator, so reordering a pool changes the generated files.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# People
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

# ---------------------------------------------------------------------------
# Metadata
# ---------------------------------------------------------------------------

HISTORY_NOTES = {
    "draft": "Convenor commissions a stakeholder assessment.",
    "negotiating": "Opening plenary; ground rules and a single negotiating text adopted.",
    "proposed": "Package released for constituency review.",
    "agreed": "Consensus test passed; ratification by governing bodies follows.",
    "signed": "Signed by all parties.",
    "amended": "Amendment approved by the {council}.",
    "terminated": "Terminated by consensus after its purpose was fulfilled.",
    "expired": "Expired on its expiry date; a successor agreement is under negotiation.",
}
TERMINATION = (
    "The agreement ends on the expiry date unless the parties renew it by consensus. It terminates "
    "without breach if a required approval is refused and the parties cannot agree on a substitute "
    "within six months."
)

# ---------------------------------------------------------------------------
# Phase 1: preparation
# ---------------------------------------------------------------------------

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

# ---------------------------------------------------------------------------
# Phase 3: value distribution
# ---------------------------------------------------------------------------

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

# ---------------------------------------------------------------------------
# Terms
# ---------------------------------------------------------------------------

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

# Words left out of readable ids (see ``synthetic.context.keywords``).
STOP_WORDS = frozenset(
    {
        "a", "an", "and", "the", "of", "to", "for", "in", "on", "at", "by", "with", "from", "that", "this", "their",
        "its", "is", "are", "be", "can", "not", "no", "every", "each", "who", "what", "how", "when", "where", "which",
        "so", "than", "as", "or", "into", "over", "still", "stay", "stays", "keep", "keeps",
    }
)  # fmt: skip
