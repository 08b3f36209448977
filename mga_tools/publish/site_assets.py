"""The stylesheets and scripts shipped in the package, written into every site and linked from every page.

Every file of the package's ``assets`` folder goes into the docs tree under
``assets/mga/``, except the Web Worker shim of the offline plugin, which
keeps its own place (see :mod:`mga_tools.publish.offline`). Each ``.css``
is listed in the configuration's ``extra_css`` and each ``.js`` in its
``extra_javascript``, in name order, so that every page loads them. They
are plain files: nothing is fetched from the network, and the scripts run
from ``file://``.
"""

from __future__ import annotations

from pathlib import Path

from mga_tools.publish.docs_tree import TreeWriter
from mga_tools.publish.offline import SHIM

FOLDER = Path(__file__).resolve().parent / "assets"
PLACE = "assets/mga"  # where they go in the docs tree, and so in the site


def shipped() -> list[Path]:
    """The package's assets that every site carries under :data:`PLACE`, in name order."""
    shim = Path(SHIM).name
    return sorted(p for p in FOLDER.iterdir() if p.is_file() and p.name != shim and not p.name.startswith("."))


def stylesheets_and_scripts() -> tuple[list[str], list[str]]:
    """The site paths of the shipped stylesheets and of the shipped scripts."""
    paths = [f"{PLACE}/{p.name}" for p in shipped()]
    return [p for p in paths if p.endswith(".css")], [p for p in paths if p.endswith(".js")]


def write_assets(writer: TreeWriter) -> None:
    """Write every shipped asset into the tree ``writer`` makes."""
    for path in shipped():
        writer.write(f"{PLACE}/{path.name}", path.read_bytes())
