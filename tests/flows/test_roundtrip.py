"""Figures rendered by the generator in each text layout come back exactly after extraction."""
import pytest

from flows.pipeline import process
from flows.samples.compare import diff
from flows.samples.figures import draw
from flows.samples.render import LAYOUTS, render


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", range(12))
def test_round_trip(seed, layout):
    figures = draw(seed)
    text, truths = render(figures, layout)
    p = process(text.encode("utf-8"), f"sample://{seed}/{layout}")
    missing, extra = diff(truths, p.items)
    assert not missing and not extra, (sorted(missing)[:5], sorted(extra)[:5])
    assert p.record.layout == layout and p.record.status == "ok"
    assert (p.record.department, p.record.fiscal_year, p.record.report_kind) == (figures.department, figures.year, "final")
    assert len(truths) == p.items.height > 50


def test_round_trip_in_yuan_tables():
    figures = draw(7, unit="元")
    for layout in LAYOUTS:
        text, truths = render(figures, layout)
        missing, extra = diff(truths, process(text.encode(), "sample://yuan").items)
        assert not missing and not extra


def test_generator_is_deterministic_and_consistent():
    a, b = draw(3), draw(3)
    assert a == b
    tp = a.three_public
    for side in ("budget", "actual"):
        assert tp[f"{side}_total"] == tp[f"{side}_overseas"] + tp[f"{side}_vehicle_total"] + tp[f"{side}_reception"]
    assert sum(a.economic.values()) == sum(b for b, _ in a.gpb.values())
