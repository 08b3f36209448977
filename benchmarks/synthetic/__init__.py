"""Synthetic Mutual Gains Approach agreements for the benchmarks (see ``benchmarks/generate.py``).

- :mod:`.domains`, :mod:`.vocabulary`, :mod:`.follow_through_vocabulary`: the word pools;
- :mod:`.yaml_text`: the YAML writer (and its line count);
- :mod:`.context`: the draft that the phases share, and small helpers;
- :mod:`.builder`: one agreement, phase by phase (:mod:`.preparation`, :mod:`.negotiation`,
  :mod:`.terms`, :mod:`.follow_through`);
- :mod:`.trim`: leaving out optional details to fit a line budget;
- :mod:`.mutations`: one realistic finding per invalid file.
"""

from __future__ import annotations

from .builder import Agreement, build
from .mutations import MUTATIONS, mutate
from .trim import trim
from .yaml_text import to_yaml

__all__ = ["MUTATIONS", "Agreement", "build", "mutate", "to_yaml", "trim"]
