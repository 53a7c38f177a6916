"""Round trips between Python and the C++ engine through the `ews` module."""
import os
import pathlib
import tempfile

import pytest

import ews

SCENARIOS = pathlib.Path(os.environ.get("EWS_SOURCE_DIR", pathlib.Path(__file__).parents[2])) / "scenarios"
DEFAULT = str(SCENARIOS / "default.yaml")
HOUR_US = 3_600_000_000


def test_validate_returns_installation_size():
    summary = ews.validate(DEFAULT)
    assert summary["devices"] > 0
    assert summary["gateways"] >= 1


def test_validation_error_carries_position_and_field():
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write("name: x\nrun:\n  duraton: 1d\n")
    try:
        with pytest.raises(ews.ValidationError) as info:
            ews.validate(f.name)
        assert f"{f.name}:3:3: run.duraton" in str(info.value)
    finally:
        os.unlink(f.name)


def test_slicing_equals_one_run():
    one = ews.Site(DEFAULT, seed=3, duration="6h")
    one.run_to_end()
    sliced = ews.Site(DEFAULT, seed=3, duration="6h")
    t = sliced.start
    while t < sliced.end:
        t = min(t + 60_000_000 * 7, sliced.end)  # 7-minute slices, off the 10-minute sample grid
        sliced.run_until(t)
    assert sliced.now == one.now == one.end
    assert sliced.counters() == one.counters()
    assert sliced.events_dispatched() == one.events_dispatched()


def test_counters_grow_and_depend_on_seed():
    a = ews.Site(DEFAULT, seed=1, duration="2h")
    a.run_until(a.start + HOUR_US)
    first = a.counters()
    a.run_to_end()
    second = a.counters()
    assert any(second[name] > first[name] for name in first)
    assert all(second[name] >= first[name] for name in first)
    b = ews.Site(DEFAULT, seed=2, duration="2h")
    b.run_to_end()
    assert b.counters() != second


def test_two_sites_at_once_are_independent():
    a = ews.Site(DEFAULT, seed=5, duration="1h")
    b = ews.Site(DEFAULT, seed=5, duration="1h")
    a.run_to_end()
    assert b.now == b.start
    b.run_to_end()
    assert a.counters() == b.counters()
