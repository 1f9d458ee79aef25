"""The review page's charts as inline SVG: no script, no external file, printable.

Each chart is an `<svg role="img">` named by its `<title>` and `<desc>`, and every
bar and point carries its own `<title>` with its number, which screen readers and
hover tooltips show; the page also puts a table of the same numbers beside it.
Each chart's `key` makes its ids unique in the page. Colours come from the page's
CSS classes (`planned`, `done`, `left`, `right`; `strips`: `bar`, `marked`, `hatch`).
The plan's html and pdf draw their balance chart with `strips` too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH = 560  # the viewBox; the page scales it to the column
HEIGHT = 220
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 26, 40  # plot margins: axis labels, legend


def axis(low: float, high: float, whole: bool = False) -> tuple[float, float, float]:
    """(bottom, top, step) of a value axis holding `low`…`high`: at most five steps of
    1, 2, 2.5 or 5 × 10^k (not 2.5 for whole numbers: counts tick at whole numbers)."""
    high = max(high, low + (1 if whole else 0.5))
    power = 10.0 ** math.floor(math.log10((high - low) / 5))
    factors = (1, 2, 5) if whole else (1, 2, 2.5, 5)
    for step in (f * power * 10 ** k for k in range(3) for f in factors):
        if whole and step < 1:
            continue
        bottom, top = math.floor(low / step) * step, math.ceil(high / step) * step
        if (top - bottom) / step <= 5:
            return bottom, top, step
    raise AssertionError("unreachable: the largest step spans the range")


def fmt(value: float) -> str:
    return f"{value:g}"


def _svg(key: str, title: str, desc: str, body: list[str], height: int = HEIGHT,
         style: str = "") -> Markup:
    """`style`: CSS inside the SVG, for a renderer that draws the SVG as an image with
    its own styles only (WeasyPrint: the plan's pdf)."""
    n = escape(key)
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="chart{n}-title chart{n}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart{n}-title">{escape(title)}</title>'
        f'<desc id="chart{n}-desc">{escape(desc)}</desc>'
        + (f"<style>{escape(style)}</style>" if style else "") + "".join(body) + "</svg>")


def _y_axis(scale: tuple[float, float, float], low: float, high: float,
            unit: str) -> list[str]:
    """Gridlines and labels of `scale` (axis()) between y = `low` (bottom) and `high`."""
    bottom, top, step = scale
    out = []
    for i in range(round((top - bottom) / step) + 1):
        value = bottom + step * i
        y = low - (low - high) * (value - bottom) / (top - bottom)
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" '
                   f'y2="{y:.1f}"/>'
                   f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
                   f"{escape(fmt(round(value, 2)))}</text>")
    if unit:
        out.append(f'<text class="tick" x="{LEFT - 6}" y="{high - 12:.1f}" text-anchor="end">'
                   f"{escape(unit)}</text>")
    return out


def _legend(entries: Sequence[tuple[str, str]], y: float) -> list[str]:
    out, x = [], LEFT
    for name, css in entries:
        out.append(f'<rect class="{css}" x="{x}" y="{y - 9:.1f}" width="12" height="10"/>'
                   f'<text class="legend" x="{x + 16}" y="{y:.1f}">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    return out


def grouped_bars(key: str, title: str, desc: str, categories: Sequence[str],
                 series: Sequence[tuple[str, str, Sequence[float]]], unit: str = "",
                 ticks: Sequence[str] | None = None, height: int = HEIGHT) -> Markup:
    """Bars side by side per category: `series` is (name, css class, a value per
    category); `ticks` the short labels under the axis (default the categories).
    Each bar's title names it in full: `Week 2, done: 3 sets`."""
    ticks = ticks or categories
    values = [v for _, _, vs in series for v in vs]
    scale = axis(0, max(values, default=0), whole=True)
    top = scale[1]
    low, high = height - BOTTOM, TOP
    body = _y_axis(scale, low, high, unit)
    slot = (WIDTH - LEFT - RIGHT) / max(len(categories), 1)
    bar = min(28.0, slot * 0.8 / max(len(series), 1))
    every = max(1, math.ceil(len(categories) / 16))  # at most 16 labels under the axis
    for i, category in enumerate(categories):
        start = LEFT + slot * i + (slot - bar * len(series)) / 2
        for j, (name, css, vs) in enumerate(series):
            value = vs[i]
            h = (low - high) * value / top
            said = f"{category}, {name}: {fmt(value)}" + (f" {unit}" if unit else "")
            body.append(
                f'<rect class="{css}" x="{start + bar * j:.1f}" y="{low - h:.1f}" '
                f'width="{max(bar - 1, 0.5):.1f}" height="{h:.1f}">'
                f"<title>{escape(said)}</title></rect>")
        if i % every == 0:
            body.append(f'<text class="tick" x="{LEFT + slot * (i + 0.5):.1f}" y="{low + 14}" '
                        f'text-anchor="middle">{escape(ticks[i])}</text>')
    body.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{low}" y2="{low}"/>')
    body += _legend([(name, css) for name, css, _ in series], height - 8)
    return _svg(key, title, desc, body, height)


STRIP_H = 40  # a row of `strips`: the tallest bar 22, room over it for its value
VALUE_SLOT = 16  # the least width a category of `strips` needs to write its values


def strip_values_fit(categories: int, names: Sequence[str]) -> bool:
    """Whether `strips` writes each bar's value over it (else a table has to)."""
    return _strip_slot(categories, names) >= VALUE_SLOT


def _strip_label_width(names: Sequence[str]) -> float:
    return min(200.0, 14 + 6.2 * max(map(len, names), default=0))  # 11 px text


def _strip_slot(categories: int, names: Sequence[str]) -> float:
    return (WIDTH - RIGHT - _strip_label_width(names)) / max(categories, 1)


def strips(key: str, title: str, desc: str, categories: Sequence[str],
           rows: Sequence[tuple[str, Sequence[float]]], unit: str = "",
           ticks: Sequence[str] | None = None, marked: Sequence[bool] = (),
           mark: str = "", ticks_name: str = "", style: str = "") -> Markup:
    """A row of bars per series, named at its left, all rows on one scale: they compare
    by height and are told apart by their names, not by colours. Each bar has its value
    written over it when there is room (strip_values_fit) and its title names it in full
    (`Weeks 1-3, Core: 6 sets`). `marked` categories get a hatched band across every
    row, named `mark` in a legend (deload weeks); `ticks_name` heads the tick labels;
    `style` is CSS put inside the SVG (its classes: `label`, `value`, `zero`, `tick`,
    `legend`, `bar`, `axis`, `hatch`)."""
    ticks = ticks or categories
    names = [name for name, _ in rows]
    left = _strip_label_width(names)
    slot = _strip_slot(len(categories), names)
    written = slot >= VALUE_SLOT
    bar = min(30.0, slot * 0.7)
    top = max((v for _, vs in rows for v in vs), default=0) or 1
    marks = any(marked)
    height = round(TOP / 3 + STRIP_H * len(rows) + 18 + 20 * marks)
    bottom = TOP / 3 + STRIP_H * len(rows)  # the last row's baseline
    n = escape(key)
    body = []
    if marks:
        body.append(f'<defs><pattern id="chart{n}-hatch" width="6" height="6" '
                    'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                    '<line class="hatch" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>')
    for i, is_marked in enumerate(marked):
        if is_marked:
            body.append(f'<rect class="marked" x="{left + slot * i:.1f}" y="{TOP / 3:.1f}" '
                        f'width="{slot:.1f}" height="{bottom - TOP / 3:.1f}" '
                        f'fill="url(#chart{n}-hatch)"/>')
    for r, (name, values) in enumerate(rows):
        base = TOP / 3 + STRIP_H * (r + 1)
        body.append(f'<text class="label" x="{left - 8:.1f}" y="{base - 8:.1f}" '
                    f'text-anchor="end">{escape(name)}</text>')
        for i, value in enumerate(values):
            h = (STRIP_H - 18) * value / top
            x = left + slot * i + (slot - bar) / 2
            said = f"{categories[i]}, {name}: {fmt(value)}" + (f" {unit}" if unit else "")
            body.append(f'<rect class="bar" x="{x:.1f}" y="{base - h:.1f}" '
                        f'width="{bar:.1f}" height="{h:.1f}"><title>{escape(said)}</title></rect>')
            if written and i < len(marked) and marked[i]:  # the value clear of the hatching
                w = 6 * len(fmt(value)) + 4
                body.append(f'<rect class="ground" x="{x + (bar - w) / 2:.1f}" '
                            f'y="{base - h - 12:.1f}" width="{w}" height="11" fill="#fff"/>')
            if written:
                body.append(f'<text class="value{" zero" * (not value)}" '
                            f'x="{x + bar / 2:.1f}" y="{base - h - 3:.1f}" '
                            f'text-anchor="middle">{escape(fmt(value))}</text>')
        body.append(f'<line class="axis" x1="{left:.1f}" x2="{WIDTH - RIGHT}" y1="{base:.1f}" '
                    f'y2="{base:.1f}"/>')
    # at most as many tick labels as fit side by side at about 6 px a character
    every = max(1, math.ceil((6 * max(map(len, ticks), default=1) + 6) / slot))
    for i, tick in enumerate(ticks):
        if i % every == 0:
            body.append(f'<text class="tick" x="{left + slot * (i + 0.5):.1f}" '
                        f'y="{bottom + 13:.1f}" text-anchor="middle">{escape(tick)}</text>')
    if ticks_name:
        body.append(f'<text class="tick" x="{left - 8:.1f}" y="{bottom + 13:.1f}" '
                    f'text-anchor="end">{escape(ticks_name)}</text>')
    if marks:
        body.append(f'<rect class="marked" x="{left:.1f}" y="{height - 15}" width="14" '
                    f'height="11" fill="url(#chart{n}-hatch)"/>'
                    f'<text class="legend" x="{left + 19:.1f}" y="{height - 5}">'
                    f"{escape(mark)}</text>")
    return _svg(key, title, desc, body, height, style)


def butterfly(key: str, title: str, desc: str,
              rows: Sequence[tuple[str, float, float, str]]) -> Markup:
    """Left and right bars from a middle line, a row per exercise: (label, left,
    right, unit). Rows of different units are scaled each on its own."""
    row_h = 30
    # room for the longest label at about 7 px a character of 12 px text
    label_w = min(280, 16 + 7 * max((len(f"{r[0]} ({r[3]})") for r in rows), default=10))
    height = TOP + row_h * len(rows) + 30
    middle = label_w + (WIDTH - label_w - RIGHT) / 2
    half = (WIDTH - label_w - RIGHT) / 2 - 36
    body = []
    for i, (label, left, right, unit) in enumerate(rows):
        y = TOP + row_h * i
        top = max(left, right) or 1
        for side, value, sign in (("left", left, -1), ("right", right, 1)):
            w = half * value / top
            x = middle - w if sign < 0 else middle
            body.append(f'<rect class="{side}" x="{x:.1f}" y="{y + 4}" width="{w:.1f}" '
                        f'height="{row_h - 10}"><title>'
                        f"{escape(f'{label}, {side}: {fmt(value)} {unit}')}</title></rect>")
            tx = middle + sign * (w + 4)
            body.append(f'<text class="value" x="{tx:.1f}" y="{y + row_h / 2 + 4:.1f}" '
                        f'text-anchor="{"end" if sign < 0 else "start"}">'
                        f"{escape(fmt(value))}</text>")
        body.append(f'<text class="label" x="{label_w - 8}" y="{y + row_h / 2 + 4:.1f}" '
                    f'text-anchor="end">{escape(label)} ({escape(unit)})</text>')
    bottom = TOP + row_h * len(rows)
    body.append(f'<line class="axis" x1="{middle:.1f}" x2="{middle:.1f}" y1="{TOP}" '
                f'y2="{bottom}"/>')
    body.append(f'<text class="legend" x="{middle - 8:.1f}" y="{bottom + 18}" '
                'text-anchor="end">◀ left</text>')
    body.append(f'<text class="legend" x="{middle + 8:.1f}" y="{bottom + 18}">right ▶</text>')
    return _svg(key, title, desc, body, height)


def line_chart(key: str, title: str, desc: str, labels: Sequence[str], done: Sequence[float],
               planned: Sequence[float | None], unit: str) -> Markup:
    """Done as a solid line with points, planned dashed over it, a position per
    session; the value axis spans the values, not from zero."""
    values = [*done, *(p for p in planned if p is not None)]
    lo, hi = min(values, default=0), max(values, default=0)
    pad = max((hi - lo) * 0.15, hi * 0.2, 1)  # a change of a plate shows, but not as a cliff
    scale = bottom, top, _ = axis(max(lo - pad, 0), hi + pad)
    low, high = HEIGHT - BOTTOM, TOP
    body = _y_axis(scale, low, high, unit)
    step = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)

    def x(i: int) -> float:
        return LEFT + step * (i + 0.5)

    def y(value: float) -> float:
        return low - (low - high) * (value - bottom) / (top - bottom)

    every = max(1, math.ceil(len(labels) / 10))  # at most ten date labels
    for i, label in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            body.append(f'<text class="tick" x="{x(i):.1f}" y="{low + 14}" '
                        f'text-anchor="middle">{escape(label)}</text>')
    body.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{low}" y2="{low}"/>')
    if len(done) > 1:
        body.append('<polyline class="done-line" points="'
                    + " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(done)) + '"/>')
    for i, v in enumerate(done):
        body.append(f'<circle class="done-point" cx="{x(i):.1f}" cy="{y(v):.1f}" r="4.5">'
                    f"<title>{escape(f'{labels[i]}, done: {fmt(v)} {unit}')}</title></circle>")
    planned_points = [(x(i), y(p)) for i, p in enumerate(planned) if p is not None]
    if len(planned_points) > 1:
        body.append('<polyline class="planned-line" points="'
                    + " ".join(f"{a:.1f},{b:.1f}" for a, b in planned_points) + '"/>')
    for i, p in enumerate(planned):
        if p is not None:
            body.append(f'<circle class="planned-point" cx="{x(i):.1f}" cy="{y(p):.1f}" r="3">'
                        f"<title>{escape(f'{labels[i]}, planned: {fmt(p)} {unit}')}</title>"
                        "</circle>")
    body += _legend([("done", "done"), ("planned", "planned-key")], HEIGHT - 8)
    return _svg(key, title, desc, body)
