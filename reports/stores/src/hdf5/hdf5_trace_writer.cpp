#include "ews/stores/hdf5_trace_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <unordered_map>

#include "ews/stores/store_error.hpp"
#include "flush_clock.hpp"
#include "hdf5/append_column.hpp"
#include "hdf5/result_tables.hpp"
#include "hdf5/trace_schema.hpp"

namespace ews::stores {

using hdf5::AppendColumn;
using hdf5::Handle;
using hdf5::Table;
using recording::AggregateSample;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint8_t kGapNone = 0;
constexpr std::uint8_t kGapCommunication = 1;  ///< DeviceSample::gap
constexpr std::uint8_t kGapNotRecorded = 2;    ///< no sample of the device at that instant

/// `text` cut to at most `bytes` bytes on a UTF-8 character boundary, null-padded.
std::string fixedText(std::string_view text, std::size_t bytes) {
  std::size_t length = std::min(text.size(), bytes);
  while (length > 0 && length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;
  std::string out(text.substr(0, length));
  out.resize(bytes, '\0');
  return out;
}

/// The cost columns of one row: its costs by tariff position (NaN past the energy's tariffs)
/// and its unpriced consumption; left NaN when the row's energy is not billed or the
/// consumption is unknown (a gap).
void placeCosts(std::span<const double> costByTariff, double unpricedDelta, bool unknown, double* costRow,
                double& unpriced) {
  if (unknown || costByTariff.empty()) return;
  std::copy_n(costByTariff.begin(), std::min(costByTariff.size(), hdf5::kTariffSlots), costRow);
  unpriced = unpricedDelta;
}

/// The [rows x width] columns of one instant's loads, groups or totals, NaN where no row came.
struct AggregateColumns {
  explicit AggregateColumns(std::size_t width)
      : delta(width, kNaN), cost(width * hdf5::kTariffSlots, kNaN), unpriced(width, kNaN), partial(width, 0) {}
  void set(std::size_t i, const AggregateSample& a) {
    delta[i] = a.delta;
    partial[i] = a.partial ? 1 : 0;
    placeCosts(a.costByTariff, a.unpricedDelta, false, &cost[i * hdf5::kTariffSlots], unpriced[i]);
  }
  std::vector<double> delta, cost, unpriced;
  std::vector<std::uint8_t> partial;
};

Handle fileAccessForSwmr(const std::string& path, bool clearStatusFlags) {
  Handle fapl{hdf5::check(H5Pcreate(H5P_FILE_ACCESS), "file access properties", path), H5Pclose};
  // SWMR needs the 1.10 file format (superblock v3, version-2 chunk indexes).
  hdf5::checkStatus(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST), "file format bounds",
                    path);
  if (clearStatusFlags) {
    // A writer killed in SWMR mode leaves the superblock marked "open for writing"; h5clear
    // resets it through this (library-registered, not in the public headers) property.
    hbool_t clear = 1;
    hdf5::checkStatus(H5Pset(fapl.get(), "clear_status_flags", &clear), "clear file status flags", path);
  }
  return fapl;
}

}  // namespace

struct Hdf5TraceWriter::Impl {
  std::string path;
  StoreLayout layout;
  std::unordered_map<int, std::size_t> deviceIndex, loadIndex, groupIndex;
  std::size_t chunkRows = 0;
  FlushClock flushClock{FlushPolicy{}, 1};
  Handle file;
  std::map<std::string, std::unique_ptr<AppendColumn>, std::less<>> columns;
  std::vector<std::pair<Table, AppendColumn*>> columnOrder;  // schema order: data first, time last
  std::optional<Time> lastSample, lastAggregate, lastEvent;
  bool resumedEventsFloorStrict = false;  // events at the resumed last event time were already written
  std::uint64_t sampleRowCount = 0;  // on disk and buffered
  std::uint64_t rejected = 0;
  std::string lastRejection;
  bool closed = false;
  std::vector<ResultTable> results;  ///< written when the file is reopened to close
  bool flushAfterAggregates = false;  // a sample flush happened: the instant's aggregates follow it

  AppendColumn& column(std::string_view name) { return *columns.find(name)->second; }

  void openColumns(const hdf5::TraceSchema& schema) {
    for (const auto& spec : schema.columns()) {
      auto column = std::make_unique<AppendColumn>(file.get(), spec.name, spec.memoryType, path);
      columnOrder.emplace_back(spec.table, column.get());
      columns.emplace(spec.name, std::move(column));
    }
  }

  /// Rows every column of `table` holds: a crash mid-flush can leave some columns longer.
  std::size_t committedRows(Table table) const {
    std::size_t rows = std::numeric_limits<std::size_t>::max();
    for (const auto& [owner, column] : columnOrder) {
      if (owner == table) rows = std::min(rows, column->rowsOnDisk());
    }
    return rows;
  }

  std::optional<Time> lastTime(std::string_view timeColumn, Table table) {
    const std::size_t rows = committedRows(table);
    if (rows == 0) return std::nullopt;
    std::int64_t micros = 0;
    column(timeColumn).readRow(rows - 1, &micros);
    return timeFromMicros(micros);
  }

  void refuse(std::string_view what, Time t, Time last) {
    ++rejected;
    lastRejection = fmt::format("{}: {} refused at {}: not after the last one written ({})", path, what,
                                formatUtc(t), formatUtc(last));
  }

  void writePending() {
    for (const auto& entry : columnOrder) entry.second->writePending();
    hdf5::checkStatus(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "cannot flush", path);
    flushClock.flushed();
  }

  void create(const RunInfo& run, const Options& options) {
    chunkRows = options.chunkRows > 0 ? options.chunkRows : hdf5::defaultSampleChunkRows(layout.devices.size());
    std::error_code ignored;
    std::filesystem::remove(path, ignored);  // a stale trace of another run is replaced, never appended to
    Handle fapl = fileAccessForSwmr(path, false);
    // The root group's object header would otherwise carry the creation time (fcpl is a gcpl).
    const Handle fcpl = hdf5::untimedCreationProperties(H5P_FILE_CREATE, path);
    file = Handle{hdf5::check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), "cannot create file",
                              path),
                  H5Fclose};
    const hdf5::TraceSchema schema(layout, chunkRows, path);
    hdf5::createTraceContents(file.get(), layout, run, chunkRows, options.deflateLevel, schema, path);
    startSwmr(schema);
  }

  void resume() {
    Handle fapl = fileAccessForSwmr(path, true);
    file = Handle{hdf5::check(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get()), "cannot open for resuming", path),
                  H5Fclose};
    hdf5::checkDevicesMatch(file.get(), layout, path);
    {
      Handle meta = hdf5::openGroup(file.get(), "meta", path);
      if (hdf5::readInt64Attribute(meta.get(), "format_version", path) != hdf5::kTraceFormatVersion) {
        throw StoreError(fmt::format("cannot resume {}: unknown trace format version", path));
      }
      chunkRows = static_cast<std::size_t>(hdf5::readInt64Attribute(meta.get(), "chunk_rows", path));
      hdf5::writeAttribute(meta.get(), "closed_cleanly", std::int64_t{0}, path);
      hdf5::writeAttribute(meta.get(), "end_time_us", hdf5::kNoEndTime, path);
    }
    // Repair before SWMR writing: cut every table to the rows all its columns hold.
    const hdf5::TraceSchema schema(layout, chunkRows, path);
    openColumns(schema);
    for (const auto table : {Table::Samples, Table::Stats, Table::Aggregates, Table::Events}) {
      const std::size_t rows = committedRows(table);
      for (const auto& [owner, column] : columnOrder) {
        if (owner == table) column->truncate(rows);
      }
    }
    sampleRowCount = committedRows(Table::Samples);
    lastSample = lastTime("samples/time_us", Table::Samples);
    lastAggregate = lastTime("aggregates/time_us", Table::Aggregates);
    lastEvent = lastTime("events/time_us", Table::Events);
    resumedEventsFloorStrict = lastEvent.has_value();
    columns.clear();
    columnOrder.clear();
    startSwmr(schema);
  }

  /// Every object exists now; from here on rows are only appended (SWMR's rule).
  void startSwmr(const hdf5::TraceSchema& schema) {
    hdf5::checkStatus(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "cannot flush", path);
    hdf5::checkStatus(H5Fstart_swmr_write(file.get()), "cannot start SWMR writing", path);
    openColumns(schema);
  }

  void stampEnd() {
    Handle fapl = fileAccessForSwmr(path, false);
    Handle reopened{hdf5::check(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get()), "cannot reopen to close", path),
                    H5Fclose};
    Handle meta = hdf5::openGroup(reopened.get(), "meta", path);
    const std::int64_t end = lastSample ? toMicros(*lastSample) : hdf5::kNoEndTime;
    hdf5::writeAttribute(meta.get(), "end_time_us", end, path);
    hdf5::writeAttribute(meta.get(), "end_utc", lastSample ? formatUtc(*lastSample) : std::string{}, path);
    for (const ResultTable& table : results) hdf5::writeResultTable(reopened.get(), table, path);
    hdf5::writeAttribute(meta.get(), "closed_cleanly", std::int64_t{1}, path);
  }
};

Hdf5TraceWriter::Hdf5TraceWriter(std::string path, const StoreLayout& layout, const RunInfo& run, Options options,
                                 Mode mode)
    : impl_(std::make_unique<Impl>()) {
  hdf5::silenceAutomaticErrorPrinting();
  Impl& s = *impl_;
  s.path = std::move(path);
  s.layout = layout;
  for (std::size_t i = 0; i < layout.devices.size(); ++i) s.deviceIndex.emplace(layout.devices[i].id, i);
  for (std::size_t i = 0; i < layout.loads.size(); ++i) s.loadIndex.emplace(layout.loads[i].id, i);
  for (std::size_t i = 0; i < layout.groups.size(); ++i) s.groupIndex.emplace(layout.groups[i].id, i);
  if (mode == Mode::Create) {
    s.create(run, options);
  } else {
    s.resume();
  }
  s.flushClock = FlushClock(options.flush, s.chunkRows);
}

Hdf5TraceWriter::~Hdf5TraceWriter() {
  try {
    close();
  } catch (const std::exception&) {
    // Destructors must not throw; the rows up to the last flush are on disk regardless.
  }
}

void Hdf5TraceWriter::onSamples(Time t, std::span<const recording::DeviceSample> samples) {
  Impl& s = *impl_;
  if (s.closed) throw StoreError(fmt::format("{}: sample after close", s.path));
  if (s.lastSample && t <= *s.lastSample) {
    s.refuse("sample", t, *s.lastSample);
    return;
  }
  const std::size_t n = s.layout.devices.size();
  std::vector<double> counter(n, kNaN), delta(n, kNaN), rate(n, kNaN);
  std::vector<double> cost(n * hdf5::kTariffSlots, kNaN), unpriced(n, kNaN);
  std::vector<std::uint8_t> gap(n, kGapNotRecorded);
  AppendColumn& statDevice = s.column("stats/device_id");
  for (const auto& sample : samples) {
    const auto found = s.deviceIndex.find(sample.deviceId);
    if (found == s.deviceIndex.end()) {
      throw StoreError(fmt::format("{}: device {} is not in the trace's device table", s.path, sample.deviceId));
    }
    const std::size_t i = found->second;
    gap[i] = sample.gap ? kGapCommunication : kGapNone;
    counter[i] = sample.counter;
    delta[i] = sample.gap ? kNaN : sample.delta;  // unknown, not zero (see DeviceSample::gap)
    rate[i] = sample.gap ? kNaN : sample.averageRate;
    placeCosts(sample.costByTariff, sample.unpricedDelta, sample.gap, &cost[i * hdf5::kTariffSlots], unpriced[i]);
    for (const auto& stat : sample.stats) {
      const std::int64_t micros = toMicros(t);
      const std::int32_t id = sample.deviceId;
      const std::string quantity = fixedText(stat.quantity, hdf5::kQuantityBytes);
      statDevice.append(&id);
      s.column("stats/quantity").append(quantity.data());
      s.column("stats/min").append(&stat.min);
      s.column("stats/max").append(&stat.max);
      s.column("stats/average").append(&stat.average);
      s.column("stats/time_us").append(&micros);
    }
  }
  const std::int64_t micros = toMicros(t);
  s.column("samples/counter").append(counter.data());
  s.column("samples/delta").append(delta.data());
  s.column("samples/average_rate").append(rate.data());
  s.column("samples/gap").append(gap.data());
  s.column("samples/cost").append(cost.data());
  s.column("samples/unpriced").append(unpriced.data());
  s.column("samples/time_us").append(&micros);
  s.lastSample = t;
  ++s.sampleRowCount;
  if (s.flushClock.countSample()) {
    s.writePending();
    s.flushAfterAggregates = true;  // so the aggregates table is not a flush behind the samples
  }
}

void Hdf5TraceWriter::onAggregates(Time t, std::span<const AggregateSample> aggregates) {
  Impl& s = *impl_;
  if (s.closed) throw StoreError(fmt::format("{}: aggregates after close", s.path));
  if (s.lastAggregate && t <= *s.lastAggregate) {
    s.refuse("aggregates", t, *s.lastAggregate);
    return;
  }
  AggregateColumns loads(s.layout.loads.size()), groups(s.layout.groups.size()), totals(3);
  double gasKWh = kNaN;
  const auto place = [](const std::unordered_map<int, std::size_t>& index, const AggregateSample& a,
                        AggregateColumns& columns) {
    const auto found = index.find(a.id);
    if (found == index.end()) return;  // a load/group created after the trace: not in its table
    columns.set(found->second, a);
  };
  for (const auto& a : aggregates) {
    switch (a.kind) {
      case AggregateSample::Kind::Load: place(s.loadIndex, a, loads); break;
      case AggregateSample::Kind::Group: place(s.groupIndex, a, groups); break;
      case AggregateSample::Kind::ElectricityTotal: totals.set(0, a); break;
      case AggregateSample::Kind::WaterTotal: totals.set(1, a); break;
      case AggregateSample::Kind::GasTotal:
        totals.set(2, a);
        gasKWh = a.gasKWhEquivalent;
        break;
    }
  }
  const std::int64_t micros = toMicros(t);
  s.column("aggregates/loads/delta").append(loads.delta.data());
  s.column("aggregates/loads/partial").append(loads.partial.data());
  s.column("aggregates/groups/delta").append(groups.delta.data());
  s.column("aggregates/groups/partial").append(groups.partial.data());
  s.column("aggregates/loads/cost").append(loads.cost.data());
  s.column("aggregates/loads/unpriced").append(loads.unpriced.data());
  s.column("aggregates/groups/cost").append(groups.cost.data());
  s.column("aggregates/groups/unpriced").append(groups.unpriced.data());
  s.column("aggregates/totals/electricity_Wh").append(&totals.delta[0]);
  s.column("aggregates/totals/water_dm3").append(&totals.delta[1]);
  s.column("aggregates/totals/gas_dm3").append(&totals.delta[2]);
  s.column("aggregates/totals/gas_kWh_equivalent").append(&gasKWh);
  s.column("aggregates/totals/partial").append(totals.partial.data());
  s.column("aggregates/totals/cost").append(totals.cost.data());
  s.column("aggregates/totals/unpriced").append(totals.unpriced.data());
  s.column("aggregates/time_us").append(&micros);
  s.lastAggregate = t;
  if (s.flushAfterAggregates) {
    s.writePending();
    s.flushAfterAggregates = false;
  }
}

void Hdf5TraceWriter::onEvent(const recording::Event& event) {
  Impl& s = *impl_;
  if (s.closed) throw StoreError(fmt::format("{}: event after close", s.path));
  // Several events may share an instant; after a resume the stored instant's events are all
  // there already, so the resumed run's first event must be strictly later.
  if (s.lastEvent && (event.at < *s.lastEvent || (s.resumedEventsFloorStrict && event.at == *s.lastEvent))) {
    s.refuse("event", event.at, *s.lastEvent);
    return;
  }
  if (s.lastEvent && event.at > *s.lastEvent) s.resumedEventsFloorStrict = false;
  const std::int64_t micros = toMicros(event.at);
  const std::int32_t device = event.deviceId;
  const std::string kind = fixedText(event.kind, hdf5::kKindBytes);
  const std::string detail = fixedText(event.detail, hdf5::kDetailBytes);
  s.column("events/device_id").append(&device);
  s.column("events/kind").append(kind.data());
  s.column("events/detail").append(detail.data());
  s.column("events/time_us").append(&micros);
  s.lastEvent = event.at;
}

void Hdf5TraceWriter::flush() {
  if (impl_->closed) return;
  impl_->writePending();
}

void Hdf5TraceWriter::addResults(ResultTable table) { impl_->results.push_back(std::move(table)); }

void Hdf5TraceWriter::close() {
  Impl& s = *impl_;
  if (s.closed) return;
  s.closed = true;  // even if the final write fails: a second attempt would fail the same way
  s.writePending();
  s.columns.clear();
  s.columnOrder.clear();
  hdf5::checkStatus(H5Fclose(s.file.release()), "cannot close", s.path);
  s.stampEnd();
}

void releaseCrashedTrace(const std::string& path) {
  hdf5::silenceAutomaticErrorPrinting();
  Handle fapl = fileAccessForSwmr(path, true);
  Handle file{hdf5::check(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get()), "cannot open to release", path), H5Fclose};
  hdf5::checkStatus(H5Fclose(file.release()), "cannot close", path);
}

const std::string& Hdf5TraceWriter::path() const { return impl_->path; }
std::size_t Hdf5TraceWriter::chunkRows() const { return impl_->chunkRows; }
std::size_t Hdf5TraceWriter::samplesPerFlush() const { return impl_->flushClock.samplesPerFlush(); }
std::uint64_t Hdf5TraceWriter::sampleRows() const { return impl_->sampleRowCount; }
std::optional<Time> Hdf5TraceWriter::lastSampleTime() const { return impl_->lastSample; }
std::uint64_t Hdf5TraceWriter::rejectedRecords() const { return impl_->rejected; }
const std::string& Hdf5TraceWriter::lastRejection() const { return impl_->lastRejection; }

}  // namespace ews::stores
