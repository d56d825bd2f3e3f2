"""The trend charts as SVG (matplotlib, SVG backend), embedded as data URIs so that
the HTML page, the standalone HTML file and the PDF show the same picture.

The SVG is deterministic (fixed hash salt, no date), so the same figures always
give the same bytes. Text is drawn as paths: no font is needed to display it.
"""

import base64
import io
from dataclasses import dataclass
from functools import lru_cache

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from grants.formatting import format_number

BLUE = "#0b2a4a"
RC = {
    "svg.hashsalt": "avhopp-report",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": "#4a4a4a",
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass(frozen=True)
class Chart:
    """One chart: an SVG image, its text alternative and its figures."""

    key: str
    title: str
    alt: str
    src: str
    value_label: str
    rows: list[tuple[int, str]]


def bar_chart_svg(*, years: list[int], values: list, integer: bool) -> str:
    """A bar chart of one value per year, labelled with Swedish numbers."""
    return _bar_chart_svg(tuple(years), tuple(values), integer)


@lru_cache(maxsize=128)
def _bar_chart_svg(years: tuple, values: tuple, integer: bool) -> str:
    # Deterministic output: the same figures give the same SVG, so it is cached.
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(6.3, 2.6))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        positions = list(range(len(years)))
        numbers = [float(v) for v in values]
        bars = axes.bar(positions, numbers, color=BLUE, width=0.55)
        axes.set_xticks(positions, [str(y) for y in years])
        axes.bar_label(
            bars, labels=[format_number(v, separator=" ") for v in values], padding=2
        )
        axes.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _pos: format_number(v, separator=" "))
        )
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=integer))
        top = max(numbers, default=0)
        axes.set_ylim(0, top * 1.18 if top else 1)
        axes.grid(axis="y", color="#d0d0d0", linewidth=0.6)
        axes.set_axisbelow(True)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
