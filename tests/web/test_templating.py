"""Display helpers of app/web/templating.py."""

import re

import pytest

from app.config import ROOT
from app.web.templating import PALETTE, SIDE_COLOURS, side_class, side_colour


def stylesheet_side_colours() -> dict[str, str]:
    """{class: colour} of the side-colour rules in static/style.css."""
    css = (ROOT / "static" / "style.css").read_text()
    return dict(re.findall(r"\.(side-colour-\d+) \{ --side: (#[0-9a-f]{6}); \}", css))


@pytest.mark.parametrize("side", [*SIDE_COLOURS, "Turkey", "Vatican", "African Union"])
def test_a_sides_class_gives_it_its_colour_in_the_stylesheet(side: str) -> None:
    """Pages colour a side by class (the Content-Security-Policy allows no style
    attribute), the chart by colour: both must agree."""
    assert stylesheet_side_colours()[side_class(side)] == side_colour(side)


def test_the_stylesheet_has_a_class_for_every_colour_of_the_palette() -> None:
    assert stylesheet_side_colours() == {f"side-colour-{n}": c for n, c in enumerate(PALETTE)}
