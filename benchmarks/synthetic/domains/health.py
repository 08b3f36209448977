"""The health domain: its places, parties with their interests, and issues with options."""

from __future__ import annotations

from typing import Any

DOMAIN: dict[str, Any] = {
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
}
