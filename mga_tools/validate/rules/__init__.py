"""The semantic rules, one module per group. Importing this package registers them all."""

from __future__ import annotations

from mga_tools.validate.rules import (  # noqa: F401  (imported for registration)
    amendment,
    analysis,
    creation,
    dates,
    disputes,
    distribution,
    follow_through,
    gaps,
    identity,
    lifecycle,
    metrics,
    observations,
    placeholders,
    preparation,
    records,
    references,
    terms,
    text,
    titles,
)
