"""Shared paths of the Python suites: the scenarios of the source tree and the `ews` command of
the same build (ctest sets EWS_CLI; run by hand, the usual build folder is tried)."""
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("EWS_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
SCENARIOS = SOURCE_DIR / "scenarios"
DEFAULT = SCENARIOS / "default.yaml"
CARPARK = SCENARIOS / "carpark-40.yaml"


@pytest.fixture(scope="session")
def ews_cli():
    cli = pathlib.Path(os.environ.get("EWS_CLI", SOURCE_DIR / "build" / "cli" / "ews"))
    if not cli.exists():
        pytest.fail(f"the ews command is needed for CLI comparisons: {cli} does not exist (set EWS_CLI)")
    return cli


def run_cli(cli, *args):
    """Runs `ews args...`; returns the completed process (never raises on a non-zero exit)."""
    return subprocess.run([str(cli), *map(str, args)], capture_output=True, text=True, timeout=600)
