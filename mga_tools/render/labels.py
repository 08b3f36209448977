"""The words for every enumerated value, shared by the site pages and the signable documents.

One map per enumeration of ``schema/agreement.schema.json``, keyed by where
the enumeration is defined (``party.kind``, ``term.strength``, ...): the site
and the documents read the same label, so a party kind reads "Indigenous
nation" in both, never ``indigenous-nation``. The completeness test of the
documents checks that every value the schema allows has a label here.
Language tags read by name ("English") from a small table, the tag itself
when it is not in the table.
"""

from __future__ import annotations

ENUMS: dict[str, dict[str, str]] = {
    "agreementStatus": {
        "draft": "Draft",
        "negotiating": "In negotiation",
        "proposed": "Proposed",
        "agreed": "Agreed, not yet signed",
        "signed": "Signed",
        "amended": "Signed and amended",
        "terminated": "Terminated",
        "expired": "Expired",
    },
    "confidentiality": {
        "public": "Public",
        "restricted": "Restricted (the parties and their constituencies)",
        "confidential": "Confidential (the negotiators only)",
    },
    "record.origin": {"negotiated": "negotiated", "recorded": "recorded after the fact"},
    "party.kind": {
        "state": "State",
        "government": "Government",
        "agency": "Public agency",
        "company": "Company",
        "union": "Trade union",
        "employer": "Employer",
        "ngo": "Non-governmental organisation",
        "community": "Community",
        "indigenous-nation": "Indigenous nation",
        "department": "Government department",
        "international-organisation": "International organisation",
        "association": "Association",
        "individual": "Individual",
        "other": "Other organisation",
    },
    "partyStatus": {
        "prospective": "Prospective party",
        "party": "Party",
        "withdrawn": "Withdrawn",
        "expelled": "Expelled",
    },
    "approver.kind": {
        "regulator": "regulator",
        "legislature": "legislature",
        "board": "board",
        "voters": "voters",
        "court": "court",
        "agency": "agency",
        "other": "other approver",
    },
    "approval.outcome": {"approved": "Approved", "rejected": "Rejected", "pending": "Pending"},
    "roster.via": {
        "signature": "signature",
        "ratification": "ratification",
        "accession": "accession",
        "acceptance": "acceptance",
        "approval": "approval",
        "succession": "succession",
        "other": "other means",
    },
    "term.kind": {"obligation": "Obligation", "permission": "Permission", "prohibition": "Prohibition"},
    # How strongly a term binds.
    "term.strength": {
        "shall": "shall (binding)",
        "reasonable-efforts": "reasonable efforts (to be attempted, not guaranteed)",
        "goal": "goal (an aim, not an obligation)",
    },
    "condition.status": {"pending": "Pending", "met": "Met", "waived": "Waived", "failed": "Failed"},
    "related.relation": {
        "parent": "Parent agreement",
        "child": "Agreement under this one",
        "depends-on": "Depends on",
        "supersedes": "Supersedes",
        "superseded-by": "Superseded by",
        "related": "Related",
    },
    "step.kind": {
        "negotiation": "Negotiation",
        "assistance": "Assistance",
        "facilitation": "Facilitation",
        "mediation": "Mediation",
        "committee": "Committee",
        "expert-determination": "Expert determination",
        "arbitration": "Arbitration",
        "court": "Court",
        "other": "Other step",
    },
    "body.kind": {
        "committee": "committee",
        "board": "board",
        "secretariat": "secretariat",
        "monitor": "monitor",
        "panel": "panel",
        "commission": "commission",
        "fund": "fund",
        "meeting-of-parties": "meeting of the parties",
        "other": "other body",
    },
    "scenario.likelihood": {
        "rare": "rare",
        "unlikely": "unlikely",
        "possible": "possible",
        "likely": "likely",
        "almost-certain": "almost certain",
    },
    "scenario.impact": {"minor": "minor", "moderate": "moderate", "major": "major", "severe": "severe"},
    "binds": {
        "all-parties": "all parties",
        "ratifying-parties": "the ratifying parties only",
        "listed-parties": "the listed parties",
        "body-only": "the body only",
    },
    "threshold.comparator": {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "==", "!=": "!="},
    "metric.direction": {"higher-is-better": "Higher is better", "lower-is-better": "Lower is better"},
    "reporting.every": {"month": "month", "quarter": "quarter", "half-year": "half-year", "year": "year"},
}

# BCP 47 primary language subtags and their English names: the languages agreements are most often made in.
LANGUAGES = {
    "ar": "Arabic",
    "bg": "Bulgarian",
    "ca": "Catalan",
    "cs": "Czech",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fi": "Finnish",
    "fr": "French",
    "ga": "Irish",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mt": "Maltese",
    "nl": "Dutch",
    "no": "Norwegian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sv": "Swedish",
    "sw": "Swahili",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "zh": "Chinese",
}


def enum_label(enum: str, value: object) -> str:
    """The words for ``value`` of the enumeration ``enum`` (a key of :data:`ENUMS`); an unknown value as written."""
    return ENUMS.get(enum, {}).get(str(value), str(value))


def language_name(tag: object) -> str:
    """A language tag by name: ``fr`` reads ``French``, ``fr-CA`` ``French (fr-CA)``; an unknown tag as written."""
    text = str(tag)
    primary = text.split("-", 1)[0].lower()
    name = LANGUAGES.get(primary)
    if name is None:
        return text
    return name if text == primary else f"{name} ({text})"
