"""The reader's short path for plain text decides exactly as the full resolution does."""

from __future__ import annotations

from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from mga_tools.load.scalars import SPECIAL_WORDS, long_number, plain_text, resolve, yaml11_surprise

# Characters that make a plain scalar special somewhere, and a few that never do.
_ALPHABET = st.sampled_from([*"-+._0123456789~:eExXoOnNtTfFyYuUlLrsaAbB ", "inf", "nan", "Inf", "NaN"])


def _full_path_says_text(text: str) -> bool:
    return resolve(text) == text and yaml11_surprise(text, text) is None and not long_number(text)


@settings(max_examples=examples(2000), deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=8).map("".join))
def test_the_short_path_only_takes_what_the_full_path_reads_as_text(text: str) -> None:
    if plain_text(text):
        assert _full_path_says_text(text), text


def test_every_special_word_takes_the_full_path() -> None:
    for word in SPECIAL_WORDS:
        assert not plain_text(word)
        assert not _full_path_says_text(word) or word == "", word


def test_common_keys_and_values_take_the_short_path() -> None:
    for text in ("name", "title", "obligated", "north-fork", "options", "Yolo County", "no-later-than"):
        assert plain_text(text) and _full_path_says_text(text)
    for text in ("no", "On", "null", "2025-01-31", "0x1F", ".5", "-3", "~"):
        assert not plain_text(text)
