"""Allow ``python -m mga_tools``."""

from __future__ import annotations

import sys

from mga_tools.cli import main

sys.exit(main())
