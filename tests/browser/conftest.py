"""Keeps each test phase's report on the test item, so the browser fixture can take a last
screenshot of every open browser when the test failed."""
import pytest


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "report_" + report.when, report)
