"""Hostile inputs for the loader: one generator per class, each scaled to a byte size.

Every generator takes a target size in bytes and returns a file body of at
most that size (a few bytes over for the smallest sizes, where a construct
cannot be smaller). The classes are the ways a file can make a YAML reader
slow or hungry: nesting (flow, block, both), long keys and scalars, very wide
collections, huge or exotic numbers, very long lines, many documents,
anchors and aliases, and floods of findings. Used by ``test_hostile.py`` and
``benchmarks/bench_hostile.py``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

Generator = Callable[[int], bytes]
# Just under the default size limit (1 MiB): the largest file that is parsed at all.
LARGEST = 1024 * 1024 - 64


def _repeat(head: str, unit: str, tail: str, size: int) -> bytes:
    """``head`` + as many ``unit`` as fit in ``size`` bytes + ``tail``."""
    count = max(1, (size - len(head) - len(tail)) // max(1, len(unit.encode())))
    return (head + unit * count + tail).encode()


def _nested(head: str, opening: str, closing: str, middle: str, size: int, *, closed: bool = True) -> bytes:
    """``head`` + ``opening``*n + ``middle`` + ``closing``*n, as deep as ``size`` allows."""
    unit = len(opening) + (len(closing) if closed else 0)
    depth = max(1, (size - len(head) - len(middle) - 1) // unit)
    return (head + opening * depth + middle + (closing * depth if closed else "") + "\n").encode()


def deep_flow_sequence(size: int) -> bytes:
    """``x: [[[[...]]]]``."""
    return _nested("x: ", "[", "]", "", size)


def deep_flow_unclosed(size: int) -> bytes:
    """``x: [[[[...`` never closed: a syntax error at the very end."""
    return _nested("x: ", "[", "]", "", size, closed=False)


def deep_flow_mapping(size: int) -> bytes:
    """``x: {a: {a: {a: ...1}}}``."""
    return _nested("x: ", "{a: ", "}", "1", size)


def deep_flow_quoted(size: int) -> bytes:
    """Flow nesting whose items are quoted strings holding brackets."""
    return _nested("x: ", '[\'[{\', "]}\\"", ', "]", "'\"'", size)


def deep_block_sequence(size: int) -> bytes:
    """``- - - - ... a``: block sequences nested on one line."""
    return _nested("x:\n", "- ", "", "a", size, closed=False)


def deep_block_mapping(size: int) -> bytes:
    """``a:`` nested by indentation, one more space a level (quadratic in size)."""
    lines, used, level = [], 0, 0
    while used + level + 3 < size:
        lines.append(" " * level + "a:\n")
        used += level + 3
        level += 1
    return "".join(lines).encode()


def deep_mixed(size: int) -> bytes:
    """Block nesting 40 levels deep, then flow nesting of mappings and sequences."""
    mappings = "".join(" " * i + "a:\n" for i in range(20))
    head = mappings + " " * 20 + "b:\n" + " " * 21 + "- " * 20
    return _nested(head, "{k: [", "]}", "1", size)


def deep_alias_nesting(size: int) -> bytes:
    """Nesting with an anchor on every level and aliases at the bottom."""
    return _nested("x: ", "&a [", "]", "*a, *a", size)


def long_plain_key(size: int) -> bytes:
    """One plain key as long as the file."""
    return _repeat("", "k", ": 1\n", size)


def long_quoted_key(size: int) -> bytes:
    """One double-quoted key with escapes, as long as the file."""
    return _repeat('"', "k\\u00e9", '": 1\n', size)


def long_plain_scalar(size: int) -> bytes:
    """One plain scalar of words on one line."""
    return _repeat("x: ", "word ", "end\n", size)


def long_folded_scalar(size: int) -> bytes:
    """One folded block scalar of many lines."""
    return _repeat("x: >\n", "  some folded text\n", "", size)


def long_single_quoted_scalar(size: int) -> bytes:
    """One single-quoted scalar over many lines, with doubled quotes."""
    return _repeat("x: '", "it''s\n  ", "'\n", size)


def wide_block_mapping(size: int) -> bytes:
    """Many ``kN: N`` lines."""
    lines, used, i = [], 0, 0
    while True:
        line = f"k{i}: {i}\n"
        if used + len(line) > size:
            break
        lines.append(line)
        used += len(line)
        i += 1
    return "".join(lines).encode()


def wide_flow_mapping(size: int) -> bytes:
    """One flow mapping with many keys, on one line."""
    parts, used, i = [], 4, 0
    while used + 16 < size:
        part = f"k{i}: {i}, "
        parts.append(part)
        used += len(part)
        i += 1
    return ("x: {" + "".join(parts) + "}\n").encode()


def wide_block_sequence(size: int) -> bytes:
    """Many ``- N`` items."""
    return _repeat("x:\n", "- 7\n", "", size)


def wide_flow_sequence(size: int) -> bytes:
    """One flow sequence with many items, on one line."""
    return _repeat("x: [", "7,", "7]\n", size)


def _number_file(text: str, size: int) -> bytes:
    """A short file with one huge number, and the same number filling a sequence."""
    return _repeat(f"x: {text}\ny:\n", f"- {text[:64]}\n", "", size)


def huge_int(size: int) -> bytes:
    """A decimal integer with as many digits as the file holds."""
    return _repeat("x: -", "9", "\n", size)


def huge_hex(size: int) -> bytes:
    """``0x`` with as many hex digits as the file holds."""
    return _repeat("x: 0x", "f", "\n", size)


def huge_octal(size: int) -> bytes:
    """``0o`` with as many octal digits as the file holds."""
    return _repeat("x: 0o", "7", "\n", size)


def huge_leading_zero(size: int) -> bytes:
    """``0777...`` (octal in YAML 1.1): a warning that shows the YAML 1.1 value."""
    return _repeat("x: 0", "7", "\n", size)


def huge_binary(size: int) -> bytes:
    """``0b1010...`` (a number in YAML 1.1 only)."""
    return _repeat("x: 0b", "10", "\n", size)


def huge_underscored(size: int) -> bytes:
    """``1_000_000...`` (a number in YAML 1.1 only)."""
    return _repeat("x: 1", "_000", "\n", size)


def huge_float(size: int) -> bytes:
    """A float with as many fraction digits as the file holds, and a huge exponent."""
    return _repeat("x: 1.", "5", "e99999\n", size)


def huge_key_number(size: int) -> bytes:
    """A key that is a huge number (a non-text key, echoed in its message)."""
    return _repeat("", "9", ": 1\n", size)


def tagged_numbers(size: int) -> bytes:
    """Huge numbers under explicit ``!!int`` and ``!!float`` tags."""
    return _repeat("x:\n", "- !!int 9999999999999999999999999999999999999\n- !!float 1e99999\n", "", size // 2) + (
        _repeat("y: !!int ", "9", "\n", size // 2)
    )


def exotic_numbers(size: int) -> bytes:
    """Every special number spelling, repeated."""
    unit = "".join(
        f"- {t}\n"
        for t in (".inf", "-.inf", "+.INF", ".nan", ".NaN", "1e99999", "-1e99999", "1e-99999", "0x0", "0o0", "-0", "+0",
                  "1_0", "0b1", "1:30", "0.", ".5", "1.5e+3")
    )  # fmt: skip
    return _repeat("x:\n", unit, "", size)


def long_comment_line(size: int) -> bytes:
    """A comment that is one line as long as the file."""
    return _repeat("x: 1 #", " c", "\n", size)


def long_line_of_flow_items(size: int) -> bytes:
    """Quoted strings and brackets on one line."""
    return _repeat("x: [", "'a', \"b\", [c], {d: e}, ", "z]\n", size)


def many_documents(size: int) -> bytes:
    """``---`` repeated."""
    return _repeat("", "--- a\n", "", size)


def many_document_ends(size: int) -> bytes:
    """``...`` and ``---`` repeated, with directives."""
    return _repeat("x: 1\n", "...\n%YAML 1.2\n---\n", "", size)


def alias_bomb(size: int) -> bytes:
    """The billion laughs: each level refers nine times to the one above."""
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    head = "\n".join(lines) + "\nmore:\n"
    return _repeat(head, "- *a9\n", "", size)


def alias_flood(size: int) -> bytes:
    """An anchor and very many aliases to it."""
    return _repeat("a: &a x\nb: [", "*a, ", "*a]\n", size)


def duplicate_keys(size: int) -> bytes:
    """The same key over and over."""
    return _repeat("", "k: 1\n", "", size)


def ambiguous_flood(size: int) -> bytes:
    """YAML 1.1 surprises (warnings) over and over."""
    return _repeat("x:\n", "- yes\n- 0777\n- 1_000\n", "", size)


def tag_flood(size: int) -> bytes:
    """Unknown tags over and over."""
    return _repeat("x:\n", "- !custom {a: 1}\n- !!python/object:os.system x\n", "", size)


def complex_keys(size: int) -> bytes:
    """Keys that are collections, over and over."""
    return _repeat("", "? [a, {b: c}]\n: 1\n", "", size)


def tab_flood(size: int) -> bytes:
    """Tabs on every line."""
    return _repeat("x:\n", "\t- 1\n", "", size)


def invalid_utf8(size: int) -> bytes:
    """Bytes that are not UTF-8, with YAML around them."""
    return _repeat("x: ", "\xe9", "\n", size).replace("\xe9".encode(), b"\xe9\xff")[:size]


def random_bytes(size: int) -> bytes:
    """Reproducible random bytes."""
    return random.Random(size).randbytes(size)


def random_yaml_soup(size: int) -> bytes:
    """Reproducible random sequences of YAML indicators and text."""
    pieces = ["[", "]", "{", "}", ",", ": ", "- ", "? ", "&a ", "*a ", "!t ", "'", '"', "#", "\n", "  ", "x", "1",
              "|", ">", "---\n", "...\n", "%YAML 1.2\n", "\\", "9" * 50, "\t"]  # fmt: skip
    rng = random.Random(size)
    out: list[str] = []
    used = 0
    while used < size - 50:
        piece = rng.choice(pieces)
        out.append(piece)
        used += len(piece)
    return "".join(out).encode()


def blank_lines_in_block_scalar(size: int) -> bytes:
    """A block scalar followed by one very long line of spaces (a regular expression's worst case)."""
    return _repeat("x: |\n", " ", "x\n", size)


def huge_version_directive(size: int) -> bytes:
    """``%YAML 1.999...``: a version number as long as the file."""
    return _repeat("%YAML 1.", "9", "\n---\nx: 1\n", size)


def long_anchor_and_tag(size: int) -> bytes:
    """An anchor name and a tag as long as half the file each."""
    return _repeat("x: &", "a", " 1\n", size // 2) + _repeat("y: !", "t", " 1\n", size // 2)


def agreement_with_huge_values(size: int) -> bytes:
    """Agreement-shaped: known fields hold huge texts, so that the schema and the rules see them."""
    part = max(1, (size - 200) // 4)
    parties = "".join(f"    - {{id: p{i}, name: P{i}, kind: other, interests: [x], batna: y}}\n" for i in range(3))
    return (
        f"id: {'a-' * (part // 2)}x\ntitle: {'t' * part}\nstatus: {'s' * part}\nversion: '0.1'\n"
        f"summary: {'w ' * (part // 2)}\npreparation:\n  parties:\n{parties}"
    ).encode()


CLASSES: dict[str, Generator] = {
    name: function
    for name, function in list(globals().items())
    if callable(function) and not name.startswith("_") and function.__module__ == __name__ and name[0].islower()
}
