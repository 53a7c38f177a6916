#include "hdf5/trace_schema.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ews/installation/catalogue.hpp"
#include "ews/stores/store_error.hpp"
#include "hdf5/append_column.hpp"

namespace ews::stores::hdf5 {

namespace {

std::string unitOf(installation::Medium medium) {
  return medium == installation::Medium::Electricity ? "Wh" : "dm3";
}

void writeMeta(hid_t file, const RunInfo& run, std::size_t sampleChunkRows, const std::string& path) {
  Handle meta = createGroup(file, "meta", path);
  const hid_t m = meta.get();
  writeAttribute(m, "format_version", kTraceFormatVersion, path);
  writeAttribute(m, "scenario", run.scenarioName, path);
  writeAttribute(m, "seed", run.seed, path);
  writeAttribute(m, "twin_version", run.twinVersion, path);
  writeAttribute(m, "creator", run.creator, path);
  writeAttribute(m, "time_zone", run.timeZone, path);
  writeAttribute(m, "sample_rate_us", toMicros(run.sampleRate), path);
  writeAttribute(m, "start_time_us", toMicros(run.start), path);
  writeAttribute(m, "start_utc", formatUtc(run.start), path);
  writeAttribute(m, "chunk_rows", static_cast<std::int64_t>(sampleChunkRows), path);
  // Rewritten by close(); a crashed run keeps these values (the last /samples/time_us row
  // is then the end).
  writeAttribute(m, "end_time_us", kNoEndTime, path);
  writeAttribute(m, "end_utc", std::string_view{}, path);
  writeAttribute(m, "closed_cleanly", std::int64_t{0}, path);
}

void writeDeviceTable(hid_t file, const StoreLayout& layout, const std::string& path) {
  Handle devices = createGroup(file, "devices", path);
  std::vector<int> ids, loadIds, addresses, groupIds;
  std::vector<std::string> names, media, units, gateways;
  for (const auto& device : layout.devices) {
    ids.push_back(device.id);
    names.push_back(device.name);
    media.emplace_back(installation::mediumName(device.medium));
    units.push_back(unitOf(device.medium));
    loadIds.push_back(device.loadId);
    gateways.push_back(device.gatewayName);
    addresses.push_back(device.modbusAddress);
    for (std::size_t i = 0; i < kGroupsPerDevice; ++i) {
      groupIds.push_back(i < device.groupIds.size() ? device.groupIds[i] : 0);  // 0: no group
    }
  }
  writeInt32Table(devices.get(), "id", ids, 1, path);
  writeStringTable(devices.get(), "name", names, path);
  writeStringTable(devices.get(), "medium", media, path);
  writeStringTable(devices.get(), "unit", units, path);
  writeInt32Table(devices.get(), "load_id", loadIds, 1, path);
  writeInt32Table(devices.get(), "group_ids", groupIds, kGroupsPerDevice, path);
  writeStringTable(devices.get(), "gateway", gateways, path);
  writeInt32Table(devices.get(), "modbus_address", addresses, 1, path);
}

template <class Entry>
void writeNamedTable(hid_t file, const std::string& groupName, const std::vector<Entry>& entries,
                     const std::string& path) {
  Handle group = createGroup(file, groupName, path);
  std::vector<int> ids;
  std::vector<std::string> names, units;
  for (const auto& entry : entries) {
    ids.push_back(entry.id);
    names.push_back(entry.name);
    units.push_back(unitOf(entry.medium));
  }
  writeInt32Table(group.get(), "id", ids, 1, path);
  writeStringTable(group.get(), "name", names, path);
  writeStringTable(group.get(), "unit", units, path);
}

/// /tariffs: the currency, and per energy the names and colours of its tariffs in position
/// order (the last axis of the cost datasets).
void writeTariffTables(hid_t file, const StoreLayout& layout, const std::string& path) {
  Handle tariffs = createGroup(file, "tariffs", path);
  writeAttribute(tariffs.get(), "currency", layout.currency, path);
  for (const auto medium : {installation::Medium::Electricity, installation::Medium::Water, installation::Medium::Gas}) {
    Handle energy = createGroup(tariffs.get(), std::string(installation::mediumName(medium)), path);
    std::vector<std::string> names, colours;
    for (const TariffEntry& t : layout.tariffsOf(medium)) {
      names.push_back(t.name);
      colours.push_back(t.colour);
    }
    writeStringTable(energy.get(), "name", names, path);
    writeStringTable(energy.get(), "colour", colours, path);
  }
}

}  // namespace

std::size_t defaultSampleChunkRows(std::size_t deviceCount) {
  constexpr std::size_t kTargetChunkBytes = 64 * 1024;
  const std::size_t rowBytes = sizeof(double) * std::max<std::size_t>(deviceCount, 1);
  return std::clamp<std::size_t>(kTargetChunkBytes / rowBytes, 64, 8192);
}

TraceSchema::TraceSchema(const StoreLayout& layout, std::size_t sampleChunkRows, const std::string& path)
    : quantityType_(fixedStringType(kQuantityBytes, path)),
      kindType_(fixedStringType(kKindBytes, path)),
      detailType_(fixedStringType(kDetailBytes, path)) {
  const std::size_t devices = layout.devices.size();
  const std::size_t loads = layout.loads.size();
  const std::size_t groups = layout.groups.size();
  const std::size_t r = sampleChunkRows;
  const auto add = [this](Table table, std::string name, hid_t fileType, hid_t memoryType, std::size_t width,
                          bool matrix, std::size_t chunkRows, std::size_t depth = 0) {
    columns_.push_back(ColumnSpec{table, std::move(name), fileType, memoryType, width, matrix, chunkRows, depth});
  };
  const hid_t f64 = H5T_IEEE_F64LE, nf64 = H5T_NATIVE_DOUBLE;
  const hid_t i64 = H5T_STD_I64LE, ni64 = H5T_NATIVE_INT64;
  const hid_t i32 = H5T_STD_I32LE, ni32 = H5T_NATIVE_INT32;
  const hid_t u8 = H5T_STD_U8LE, nu8 = H5T_NATIVE_UINT8;

  // Data columns first, time last: a flush writes in this order, so a crash mid-flush can
  // leave a data column longer than time_us but never a time without its values.
  add(Table::Samples, "samples/counter", f64, nf64, devices, true, r);
  add(Table::Samples, "samples/delta", f64, nf64, devices, true, r);
  add(Table::Samples, "samples/average_rate", f64, nf64, devices, true, r);
  add(Table::Samples, "samples/gap", u8, nu8, devices, true, r);
  add(Table::Samples, "samples/cost", f64, nf64, devices, true, r, kTariffSlots);
  add(Table::Samples, "samples/unpriced", f64, nf64, devices, true, r);
  add(Table::Samples, "samples/time_us", i64, ni64, 1, false, r);

  add(Table::Stats, "stats/device_id", i32, ni32, 1, false, kStatsChunkRows);
  add(Table::Stats, "stats/quantity", quantityType_.get(), quantityType_.get(), 1, false, kStatsChunkRows);
  add(Table::Stats, "stats/min", f64, nf64, 1, false, kStatsChunkRows);
  add(Table::Stats, "stats/max", f64, nf64, 1, false, kStatsChunkRows);
  add(Table::Stats, "stats/average", f64, nf64, 1, false, kStatsChunkRows);
  add(Table::Stats, "stats/time_us", i64, ni64, 1, false, kStatsChunkRows);

  add(Table::Aggregates, "aggregates/loads/delta", f64, nf64, loads, true, r);
  add(Table::Aggregates, "aggregates/loads/partial", u8, nu8, loads, true, r);
  add(Table::Aggregates, "aggregates/groups/delta", f64, nf64, groups, true, r);
  add(Table::Aggregates, "aggregates/groups/partial", u8, nu8, groups, true, r);
  add(Table::Aggregates, "aggregates/loads/cost", f64, nf64, loads, true, r, kTariffSlots);
  add(Table::Aggregates, "aggregates/loads/unpriced", f64, nf64, loads, true, r);
  add(Table::Aggregates, "aggregates/groups/cost", f64, nf64, groups, true, r, kTariffSlots);
  add(Table::Aggregates, "aggregates/groups/unpriced", f64, nf64, groups, true, r);
  add(Table::Aggregates, "aggregates/totals/electricity_Wh", f64, nf64, 1, false, r);
  add(Table::Aggregates, "aggregates/totals/water_dm3", f64, nf64, 1, false, r);
  add(Table::Aggregates, "aggregates/totals/gas_dm3", f64, nf64, 1, false, r);
  add(Table::Aggregates, "aggregates/totals/gas_kWh_equivalent", f64, nf64, 1, false, r);
  add(Table::Aggregates, "aggregates/totals/partial", u8, nu8, 3, true, r);
  add(Table::Aggregates, "aggregates/totals/cost", f64, nf64, 3, true, r, kTariffSlots);
  add(Table::Aggregates, "aggregates/totals/unpriced", f64, nf64, 3, true, r);
  add(Table::Aggregates, "aggregates/time_us", i64, ni64, 1, false, r);

  add(Table::Events, "events/device_id", i32, ni32, 1, false, kEventsChunkRows);
  add(Table::Events, "events/kind", kindType_.get(), kindType_.get(), 1, false, kEventsChunkRows);
  add(Table::Events, "events/detail", detailType_.get(), detailType_.get(), 1, false, kEventsChunkRows);
  add(Table::Events, "events/time_us", i64, ni64, 1, false, kEventsChunkRows);
}

void createTraceContents(hid_t file, const StoreLayout& layout, const RunInfo& run, std::size_t sampleChunkRows,
                         unsigned deflateLevel, const TraceSchema& schema, const std::string& path) {
  writeMeta(file, run, sampleChunkRows, path);
  writeDeviceTable(file, layout, path);
  writeNamedTable(file, "loads", layout.loads, path);
  writeNamedTable(file, "groups", layout.groups, path);
  writeTariffTables(file, layout, path);
  for (const char* group : {"samples", "stats", "aggregates", "aggregates/loads", "aggregates/groups",
                            "aggregates/totals", "events"}) {
    createGroup(file, group, path);
  }
  for (const auto& column : schema.columns()) {
    createColumn(file, column.name,
                 ColumnFormat{column.fileType, column.width, column.matrix, column.chunkRows, deflateLevel,
                              column.depth},
                 path);
  }
  Handle totals = openGroup(file, "aggregates/totals", path);
  for (const char* name : {"partial", "cost", "unpriced"}) {
    Handle dataset = openDataset(totals.get(), name, path);
    writeAttribute(dataset.get(), "columns", std::string_view{"electricity,water,gas"}, path);
  }
}

void checkDevicesMatch(hid_t file, const StoreLayout& layout, const std::string& path) {
  Handle devices = openGroup(file, "devices", path);
  const std::vector<int> stored = readInt32Table(devices.get(), "id", path);
  std::vector<int> expected;
  for (const auto& device : layout.devices) expected.push_back(device.id);
  if (stored != expected) {
    throw StoreError(fmt::format("cannot resume {}: its device table ({} devices) is not the installation's ({} devices)",
                                 path, stored.size(), expected.size()));
  }
}

}  // namespace ews::stores::hdf5
