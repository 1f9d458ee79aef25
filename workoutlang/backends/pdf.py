"""The printable plan as PDF: the `html` target's page, laid out by WeasyPrint.

The type is the bundled DejaVu Sans Condensed (workoutlang/data/fonts), declared by
templates/fonts.css, so the PDF does not depend on the fonts of the machine. The HTML
itself stays self-contained and fetches nothing: only the PDF loads the font files.

WeasyPrint is imported inside `emit` so that checking a plan never loads it.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import os
from collections.abc import Iterator

from ..expand import Program
from . import EmitOptions, html


def emit(program: Program, options: EmitOptions) -> bytes:
    # heavy (Pango, fonts): imported only when a PDF is asked for
    import weasyprint  # type: ignore[import-untyped]

    page = html.emit(program, options)
    fonts_css = importlib.resources.files("workoutlang").joinpath("templates", "fonts.css")
    fonts = importlib.resources.files("workoutlang").joinpath("data", "fonts")
    with importlib.resources.as_file(fonts) as folder, _fixed_font_timestamps():
        font_config = weasyprint.text.fonts.FontConfiguration()
        # url()s in fonts.css are resolved against the folder of the font files
        bundled = weasyprint.CSS(string=fonts_css.read_text(encoding="utf-8"),
                                 base_url=folder.as_uri() + "/", font_config=font_config)
        pdf: bytes = weasyprint.HTML(string=page.decode("utf-8")).write_pdf(
            stylesheets=[bundled], font_config=font_config)
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
