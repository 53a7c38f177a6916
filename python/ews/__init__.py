"""ews-twin in Python: the digital twin of the Energy Web Server 10/32/255 for notebooks.

    import ews
    engine = ews.Engine("scenarios/carpark-40.yaml", duration="1d")
    engine.run_until("6h")                       # or a tz-aware datetime; slices equal one run
    engine.set_dlm(hysteresis_pct=5)             # between slices
    engine.run_to_end()
    engine.kpis(); engine.dlm_frame(); engine.soc_frame(); engine.daily_consumption()
    ews.sweep("scenarios/carpark-40.yaml", {"dlm.hysteresis": [0, 5]}, duration="1d")

See docs/python.md. The engine and the sweep core are C++ (ews._ews); this package adds pandas
DataFrames (ews.Engine) and the sweep on threads or a Dask cluster (ews.sweep).
"""
from ._ews import Site, SweepPlan, ValidationError, __version__, scenario_yaml, validate
from ._frames import Engine
from ._sweep import sweep

__all__ = ["Engine", "Site", "SweepPlan", "ValidationError", "__version__", "scenario_yaml", "sweep", "validate"]
