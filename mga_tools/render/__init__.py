"""Render: agreements as signable documents (PDF through Typst, DOCX) and Markdown.

:func:`render_documents` is the batch entry point; :mod:`mga_tools.render.convert`
is the only module that runs pandoc or Typst, and imports them lazily.
"""

from __future__ import annotations

from mga_tools.render.batch import FORMATS, render, render_documents, render_file

__all__ = ["FORMATS", "render", "render_documents", "render_file"]
