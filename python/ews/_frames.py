"""ews.Engine: the compiled engine plus pandas DataFrames with a tz-aware DatetimeIndex.

The compiled methods return numpy views of the engine's columns without copying; the frames here
copy them (a DataFrame is yours to edit, the engine's columns are not).
"""
import numpy as np
import pandas as pd

from . import _ews

ZONES = ["green", "yellow", "red"]
"""DLM zone names by code (dlm_trace()['zone'])."""


class Engine(_ews.Engine):
    __doc__ = _ews.Engine.__doc__.replace(
        "Use ews.Engine (which adds pandas DataFrames) rather than this base class.",
        "The *_frame methods return pandas DataFrames indexed by tz-aware times in the site's zone.")

    def _index(self, time_us, name="time"):
        """A tz-aware DatetimeIndex in the site's zone from int64 microseconds since the epoch (UTC)."""
        # astype, not pd.to_datetime(unit="us"): pandas 1.5 refuses read-only buffers there.
        utc = pd.DatetimeIndex(np.asarray(time_us).astype("datetime64[us]"), name=name).tz_localize("UTC")
        return utc.tz_convert(self.time_zone)

    def samples_frame(self, quantity="delta"):
        """The stack's samples (trace.h5 /samples/<quantity>) as a DataFrame: one column per device."""
        return pd.DataFrame(self.samples(quantity), index=self._index(self.sample_times_us()),
                            columns=pd.Index(self.devices, name="device"), copy=True)

    def aggregates_frame(self, kind="loads"):
        """Consumption per sample interval by load, group or grand total (Wh; water and gas dm3)."""
        columns = {"loads": self.loads, "groups": self.groups,
                   "totals": ["electricity_wh", "water_dm3", "gas_dm3"]}
        if kind not in columns:
            raise ValueError(f"aggregate kind '{kind}': loads, groups or totals")
        return pd.DataFrame(self.aggregates(kind), index=self._index(self.aggregate_times_us()),
                            columns=pd.Index(columns[kind], name=kind[:-1]), copy=True)

    def dlm_frame(self):
        """The DLM sampler: zone (categorical green/yellow/red), fail_safe, meter_valid, the site current
        per line (site_current_l1_a .. l3_a) and on its most loaded line (site_current_a)."""
        trace = self.dlm_trace()
        current = np.asarray(trace["site_current_a"])
        return pd.DataFrame({
            "zone": pd.Categorical.from_codes(np.asarray(trace["zone"]).astype(np.int8), categories=ZONES),
            "fail_safe": np.asarray(trace["fail_safe"]).astype(bool),
            "meter_valid": np.asarray(trace["meter_valid"]).astype(bool),
            "site_current_l1_a": current[:, 0],
            "site_current_l2_a": current[:, 1],
            "site_current_l3_a": current[:, 2],
            "site_current_a": current.max(axis=1) if len(current) else current[:, 0],
        }, index=self._index(trace["time_us"]))

    def _station_frame(self, column):
        trace = self.station_trace()
        return pd.DataFrame(trace[column], index=self._index(trace["time_us"]),
                            columns=pd.Index(trace["stations"], name="station"), copy=True)

    def soc_frame(self):
        """Each station's connected vehicle SOC (%) at the station sampler's instants; NaN with no vehicle."""
        return self._station_frame("soc_pct")

    def vehicle_current_frame(self):
        """The current each station's vehicle draws per phase (A) at the station sampler's instants."""
        return self._station_frame("vehicle_current_a")

    def events_frame(self, kind=None):
        """The event table (events()) indexed by tz-aware time; `kind` keeps one kind, e.g. "dlm"."""
        events = pd.DataFrame(self.events())
        if kind is not None:
            events = events[events["kind"] == kind]
        return events.set_index(self._index(events.pop("time_us").to_numpy()))

    def sessions_frame(self):
        """One row per DLM session (dlm_sessions()), times as tz-aware Timestamps (NaT: not yet)."""
        sessions = pd.DataFrame(self.dlm_sessions())
        for column in ("connected_at", "first_charging_at", "ended_at"):
            micros = sessions.pop(f"{column}_us").astype("float64")  # None -> NaN -> NaT
            sessions[column] = pd.to_datetime(micros, unit="us", utc=True).dt.tz_convert(self.time_zone)
        return sessions

    def history_frame(self, kind, name=None, resolution="day"):
        """The EWS's consumption history of one series (history()) indexed by each bucket's local start:
        value (Wh or dm3), samples, gap_samples."""
        buckets = self.history(kind, name, resolution)
        keys = np.asarray(buckets["key"])
        if resolution in ("sample", "hour"):
            index = self._index(keys, name="start")
        else:
            if resolution == "day":
                local = pd.Timestamp("1970-01-01") + pd.to_timedelta(keys, unit="D")
            elif resolution == "month":
                local = pd.to_datetime(pd.DataFrame({"year": keys // 12, "month": keys % 12 + 1, "day": 1}))
            else:
                local = pd.to_datetime(pd.DataFrame({"year": keys, "month": 1, "day": 1}))
            index = pd.DatetimeIndex(local, name="start").tz_localize(
                self.time_zone, nonexistent="shift_forward", ambiguous=False)
        return pd.DataFrame({"value": buckets["value"], "samples": buckets["samples"],
                             "gap_samples": buckets["gap_samples"]}, index=index)

    def daily_consumption(self, by="load"):
        """Consumption per local day (Wh or dm3) from the EWS history: one column per load (by='load') or
        measure group (by='group') that recorded something."""
        names = {"load": self.loads, "group": self.groups}
        if by not in names:
            raise ValueError(f"daily consumption by '{by}': load or group")
        days = {}
        for name in names[by]:
            frame = self.history_frame(by, name, "day")
            if len(frame) and frame["samples"].sum() > 0:
                days[name] = frame["value"]
        return pd.DataFrame(days)
