"""The memo: content-addressed results, keyed by their inputs and by the code that computed them."""

from __future__ import annotations

import pytest

from mga_tools import memo
from mga_tools.memo import Memo, code_hash, key


def test_keys_differ_with_every_part_and_with_how_parts_are_split():
    assert key("a", b"b") == key("a", "b")  # text is hashed as its UTF-8 bytes
    assert key("a", "b") != key("a", "c")
    assert key("ab", "") != key("a", "b")  # parts are length-prefixed
    assert key("a") != key("a", "")
    assert len(key()) == 64


def test_the_key_depends_on_the_code(monkeypatch):
    before = key("x")
    monkeypatch.setattr(memo, "code_hash", lambda: "0" * 64)
    assert key("x") != before


def test_code_hash_covers_the_package_and_the_schema():
    assert len(code_hash()) == 64
    assert code_hash() == code_hash()


def test_round_trip_and_miss(tmp_path):
    store = Memo(tmp_path, tmp_path / "project", "kind")
    assert store.get("missing") is None
    value = {"list": [1, 2.5, "three"], "nested": {"a": None}}
    store.put("k", value)
    again = Memo(tmp_path, tmp_path / "project", "kind")
    assert again.get("k") == value
    # Another project, or another kind of result, has its own folder.
    assert Memo(tmp_path, tmp_path / "other", "kind").get("k") is None
    assert Memo(tmp_path, tmp_path / "project", "other").get("k") is None


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95"])
def test_a_damaged_entry_is_a_miss(tmp_path, damage):
    store = Memo(tmp_path, tmp_path, "kind")
    store.put("k", [1])
    (store.folder / "k.pickle").write_bytes(damage)
    assert store.get("k") is None


def test_prune_keeps_only_what_was_used(tmp_path):
    first = Memo(tmp_path, tmp_path, "kind")
    for name in ("a", "b", "c"):
        first.put(name, name)
    second = Memo(tmp_path, tmp_path, "kind")
    assert second.get("a") == "a"
    second.put("d", "d")
    second.prune()
    assert sorted(p.stem for p in second.folder.iterdir()) == ["a", "d"]
