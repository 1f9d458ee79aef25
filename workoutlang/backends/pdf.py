"""The printable plan as PDF: the `html` target's page, laid out by WeasyPrint.

WeasyPrint is imported inside `emit` so that checking a plan never loads it.
"""

from __future__ import annotations

from ..expand import Program
from . import EmitOptions, html


def emit(program: Program, options: EmitOptions) -> bytes:
    # heavy (Pango, fonts): imported only when a PDF is asked for
    import weasyprint  # type: ignore[import-untyped]

    page = html.emit(program, options)
    document = weasyprint.HTML(string=page.decode("utf-8"), base_url=None)
    pdf: bytes = document.write_pdf()
    return pdf
