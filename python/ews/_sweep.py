"""ews.sweep: `ews sweep` from Python, on local threads or a Dask distributed cluster."""
import datetime
import io
from collections.abc import Mapping

import pandas as pd

from . import _ews


def _scalar(value):
    """A value as the scenario file would write it (YAML: true/false, numbers as Python prints them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _set_options(grid):
    """The --set texts of a grid: {"dlm.hysteresis": [0, 5]} -> ["dlm.hysteresis=0,5"]; a list of such
    texts is taken as is. Order is the grid's (the last key varies fastest)."""
    if isinstance(grid, Mapping):
        options = []
        for key, values in grid.items():
            if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
                values = [values]
            options.append(f"{key}={','.join(_scalar(v) for v in values)}")
        return options
    return [str(option) for option in grid]


def _duration_text(duration):
    if duration is None or isinstance(duration, str):
        return duration
    if isinstance(duration, datetime.timedelta):
        return f"{int(duration.total_seconds())}s"
    return f"{duration}s"


def _run_combination(plan, index):
    """One combination on a Dask worker (module-level so it pickles by reference)."""
    return plan.run(index)


def sweep(scenario_path, grid, client=None, seed=None, duration=None, jobs=None):
    """Runs the DLM parameter sweep of `ews sweep scenario_path --set ... [--seed] [--duration]` and
    returns its KPI table as a DataFrame: the same columns in the same order with the same values as the
    CSV the command writes (it is that text, read by pandas.read_csv(..., float_precision="round_trip")).

    grid: {"dlm.hysteresis": [0, 5, 10], "dlm.step1": [75, 60]} (keys as `--set` takes them, in grid
      order) or a list of `--set` texts ["dlm.hysteresis=0,5,10"].
    client: a dask.distributed.Client: one task per combination on its workers (which must see the
      scenario's data files at the same paths); None: C++ threads in this process, like the command.
    seed, duration: as --seed and --duration ('1d', a timedelta, or seconds).
    jobs: threads for the local run (default: all cores) and for the checks.

    Every combination is checked before anything runs: ews.ValidationError lists the problems as the
    command prints them; a bad --set raises ValueError with the command's message.
    """
    plan = _ews.SweepPlan(scenario_path, _set_options(grid), seed, _duration_text(duration))
    problems = plan.problems(jobs)
    if problems:
        raise _ews.ValidationError("\n".join(problems))
    if client is None:
        csv = plan.run_all(jobs)
    else:
        futures = client.map(_run_combination, [plan] * plan.size, range(plan.size), pure=False)
        csv = plan.table_csv(client.gather(futures))
    # round_trip: pandas' default parser may miss the last bit of the shortest round-trip numbers.
    return pd.read_csv(io.StringIO(csv), float_precision="round_trip")
