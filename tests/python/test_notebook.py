"""python/notebooks/carpark.ipynb runs headless, top to bottom, with Debian's python3 kernel."""
import time

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import SOURCE_DIR

NOTEBOOK = SOURCE_DIR / "python" / "notebooks" / "carpark.ipynb"


def test_carpark_notebook_runs(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel inherits this process's environment: PYTHONPATH finds the built package.
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    started = time.monotonic()
    client.execute()
    seconds = time.monotonic() - started
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 3  # current, SOC, daily consumption
    sweep = notebook.cells[-1].outputs[0]["data"]["text/html"]
    assert "dlm.hysteresis" in sweep and sweep.count("<tr") == 3  # header + two combinations
    print(f"notebook executed in {seconds:.1f} s")
