"""Keeps each test phase's report on the test item, so the browser fixture can take a last
screenshot of every open browser when the test failed; the artefacts folder, shared by the
browser test modules (emptied once per session)."""
import itertools
import os
import pathlib

import pytest

EWS = os.environ.get("EWS_BINARY", str(pathlib.Path(__file__).resolve().parents[2] / "build" / "cli" / "ews"))


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "report_" + report.when, report)


@pytest.fixture(scope="session")
def artefacts():
    given = os.environ.get("EWS_TEST_ARTEFACTS")
    if given:
        folder = pathlib.Path(given)
    else:
        binary = pathlib.Path(EWS).resolve()
        build = next((p for p in binary.parents if (p / "CMakeCache.txt").is_file()), pathlib.Path.cwd())
        folder = build / "test-artefacts" / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    for old in itertools.chain(folder.glob("*.png"), folder.glob("*.log")):
        old.unlink()  # a folder of this run's pictures only
    return folder
