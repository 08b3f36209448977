"""The canonical form and fingerprint depend on content only."""

from __future__ import annotations

import hashlib

import pytest

from mga_tools.load import load_text
from mga_tools.model import canonical_bytes, fingerprint

A = b"""# a comment
id: harbour
title: "Harbour \\u00e9"
status: draft
preparation: {parties: [{id: a, name: A, kind: other}]}
"""
# The same content: other key order, quoting, layout and comments.
B = b"""status: 'draft'
preparation:
  parties:
    - kind: other
      name: A
      id: a
title: Harbour \xc3\xa9   # same text, written as UTF-8
id: harbour
"""


def _data(raw: bytes):
    doc = load_text(raw, "x.yaml")
    assert doc.parsed and not doc.diagnostics
    return doc.data


def test_layout_does_not_change_the_fingerprint():
    assert canonical_bytes(_data(A)) == canonical_bytes(_data(B))
    assert fingerprint(_data(A)) == fingerprint(_data(B))


def test_canonical_form_is_sorted_compact_utf8_json():
    expected = (
        '{"id":"harbour","preparation":{"parties":[{"id":"a","kind":"other","name":"A"}]},'
        '"status":"draft","title":"Harbour é"}'
    ).encode()
    assert canonical_bytes(_data(A)) == expected
    assert fingerprint(_data(A)) == hashlib.sha256(expected).hexdigest()


@pytest.mark.parametrize(
    "edit",
    [
        (b"status: draft", b"status: proposed"),
        (b"name: A,", b"name: 'A ',"),
        (b"kind: other", b"kind: state"),
        (b"id: harbour", b"id: harbour\nsummary: x"),
    ],
)
def test_any_content_change_changes_the_fingerprint(edit):
    old, new = edit
    changed = A.replace(old, new)
    assert changed != A
    doc = load_text(changed, "x.yaml")
    assert fingerprint(doc.data) != fingerprint(_data(A))


def test_numbers_and_text_differ():
    assert fingerprint({"v": 1}) != fingerprint({"v": "1"}) != fingerprint({"v": 1.0})


def test_tags_stay_outside_the_fingerprint() -> None:
    # Tags file an agreement on the site; retagging a signed agreement must not break its seal.
    data = {"id": "x", "title": "X", "status": "signed"}
    assert fingerprint({**data, "tags": ["water"]}) == fingerprint(data)
    assert fingerprint({**data, "title": "Y"}) != fingerprint(data)
