"""The HDF5 trace as h5py and numpy read it (docs/hdf5-trace.md).

Run with Debian's /usr/bin/python3 (h5py, numpy, pytest); EWS_STORES_HELPER names the
helper executable that writes synthetic traces (set by CMake).
"""
import os
import subprocess
import sys

import h5py
import numpy as np
import pytest

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(__file__))
import trace_expectations as te  # noqa: E402

HELPER = os.environ.get("EWS_STORES_HELPER")
ROWS = 20


@pytest.fixture(scope="module")
def trace(tmp_path_factory):
    if not HELPER:
        pytest.skip("EWS_STORES_HELPER is not set (run through ctest)")
    path = tmp_path_factory.mktemp("trace") / "run.h5"
    # 20 rows, chunks of 8 rows (the helper's choice), a flush every 8 samples.
    subprocess.run([HELPER, "trace", str(path), str(ROWS), "8", "close"], check=True)
    with h5py.File(path, "r") as f:
        yield f


def test_meta_attributes(trace):
    meta = trace["meta"].attrs
    assert meta["format_version"] == 2
    assert meta["scenario"].decode() == "synthetic"
    assert meta["seed"] == 42
    assert meta["twin_version"].decode() == "0.1.0"
    assert meta["creator"].decode() == "stores_helper"
    assert meta["time_zone"].decode() == "Europe/Paris"
    assert meta["sample_rate_us"] == 600_000_000
    assert meta["start_time_us"] == te.START_US
    assert meta["start_utc"].decode() == "2026-01-01T00:00:00.000000Z"
    assert meta["end_time_us"] == te.START_US + te.STEP_US * (ROWS - 1)
    assert meta["closed_cleanly"] == 1
    assert meta["chunk_rows"] == 8


def test_device_load_and_group_tables(trace):
    np.testing.assert_array_equal(trace["devices/id"][:], te.DEVICE_IDS)
    names = trace["devices/name"].asstr()[:]
    assert list(names) == ["Main meter", 'Lighting; "floor", 1', "Water meter", "Gas meter"]
    assert list(trace["devices/medium"].asstr()[:]) == ["electricity", "electricity", "water", "gas"]
    assert list(trace["devices/unit"].asstr()[:]) == ["Wh", "Wh", "dm3", "dm3"]
    np.testing.assert_array_equal(trace["devices/load_id"][:], [1, 4, 16, 17])
    groups = trace["devices/group_ids"]
    assert groups.shape == (4, 5) and groups.dtype == np.int32
    np.testing.assert_array_equal(groups[:, :2], [[1, 0], [1, 2], [3, 0], [0, 0]])
    np.testing.assert_array_equal(trace["loads/id"][:], te.LOAD_IDS)
    assert list(trace["loads/unit"].asstr()[:]) == ["Wh", "Wh", "Wh", "dm3", "dm3"]
    np.testing.assert_array_equal(trace["groups/id"][:], te.GROUP_IDS)
    assert list(trace["groups/name"].asstr()[:]) == ["Building A", "Floor 1", "Water A"]


def test_tariff_tables(trace):
    assert trace["tariffs"].attrs["currency"].decode() == "EUR"
    for energy, names in te.TARIFFS.items():
        assert list(trace[f"tariffs/{energy}/name"].asstr()[:]) == names
    assert list(trace["tariffs/electricity/colour"].asstr()[:]) == ["#0072B2", "#E69F00"]
    assert trace["aggregates/totals/cost"].attrs["columns"].decode() == "electricity,water,gas"
    assert trace["samples/cost"].chunks == (8, 4, te.TARIFF_SLOTS)


def test_sample_shapes_and_dtypes(trace):
    assert trace["samples/time_us"].dtype == np.int64
    assert trace["samples/time_us"].shape == (ROWS,)
    for name in ("counter", "delta", "average_rate"):
        assert trace["samples/" + name].dtype == np.float64
        assert trace["samples/" + name].shape == (ROWS, 4)
    assert trace["samples/gap"].dtype == np.uint8
    assert trace["stats/quantity"].dtype.kind == "S"
    assert trace["events/kind"].dtype == np.dtype("S32")
    assert trace["events/detail"].dtype == np.dtype("S256")


def test_values_equal_what_was_written(trace):
    assert te.check_rows(trace) == ROWS


def test_columns_are_chunked_with_shuffle_and_deflate(trace):
    def visit(name, obj):
        if isinstance(obj, h5py.Dataset) and obj.maxshape[0] is None:  # every appended column
            assert obj.chunks is not None, name
            assert obj.shuffle, name
            assert obj.compression == "gzip" and 1 <= obj.compression_opts <= 4, name
            found.append(name)

    found = []
    trace.visititems(visit)
    assert "samples/counter" in found and "events/detail" in found and len(found) == 33
    assert trace["samples/counter"].chunks == (8, 4)
    assert trace["samples/time_us"].chunks == (8,)


def test_pandas_reads_a_device_column(trace):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(trace["samples/delta"][:], columns=trace["devices/name"].asstr()[:],
                         index=pd.to_datetime(trace["samples/time_us"][:], unit="us", utc=True))
    assert frame["Main meter"].iloc[0] == 1.5
    assert frame.index[1] == pd.Timestamp("2026-01-01T00:10:00Z")
