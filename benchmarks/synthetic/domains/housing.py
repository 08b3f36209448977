"""The housing domain: its places, parties with their interests, and issues with options."""

from __future__ import annotations

from typing import Any

DOMAIN: dict[str, Any] = {
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
}
