"""The printable plan as PDF: the `html` target's page, laid out by WeasyPrint.

WeasyPrint is imported inside `emit` so that checking a plan never loads it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from ..expand import Program
from . import EmitOptions, html


def emit(program: Program, options: EmitOptions) -> bytes:
    # heavy (Pango, fonts): imported only when a PDF is asked for
    import weasyprint  # type: ignore[import-untyped]

    page = html.emit(program, options)
    with _fixed_font_timestamps():
        pdf: bytes = weasyprint.HTML(string=page.decode("utf-8")).write_pdf()
    return pdf


@contextlib.contextmanager
def _fixed_font_timestamps() -> Iterator[None]:
    """Same input, same bytes: without libharfbuzz-subset WeasyPrint subsets fonts with
    fontTools, which stamps each font with the current time unless SOURCE_DATE_EPOCH
    is set. A value the user set is kept."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
