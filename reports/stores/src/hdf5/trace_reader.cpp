#include "ews/stores/trace_reader.hpp"

#include <array>
#include <string_view>

#include <fmt/format.h>

#include "hdf5/hdf5_handle.hpp"

namespace ews::stores {

namespace {
using hdf5::check;
using hdf5::checkStatus;
using hdf5::Handle;

// The numeric [time x ...] datasets of docs/hdf5-trace.md, in the order `ews compare` prints them.
constexpr std::array<std::string_view, 17> kQuantities = {
    "samples/counter",          "samples/delta",
    "samples/average_rate",     "samples/cost",
    "samples/unpriced",         "aggregates/loads/delta",
    "aggregates/loads/cost",    "aggregates/loads/unpriced",
    "aggregates/groups/delta",  "aggregates/groups/cost",
    "aggregates/groups/unpriced", "aggregates/totals/electricity_Wh",
    "aggregates/totals/water_dm3", "aggregates/totals/gas_dm3",
    "aggregates/totals/gas_kWh_equivalent", "aggregates/totals/cost",
    "aggregates/totals/unpriced"};

bool exists(hid_t file, const std::string& path) {
  // H5Lexists checks one link at a time: every parent first.
  for (std::size_t slash = path.find('/'); ; slash = path.find('/', slash + 1)) {
    const std::string prefix = path.substr(0, slash);
    if (H5Lexists(file, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    if (slash == std::string::npos) return true;
  }
}

std::vector<std::string> readStrings(hid_t file, const std::string& name, const std::string& path) {
  const Handle dataset = hdf5::openDataset(file, name, path);
  const Handle space{check(H5Dget_space(dataset.get()), "dataspace of " + name, path), H5Sclose};
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count < 0) hdf5::fail("extent of " + name, path);
  std::vector<char*> pointers(static_cast<std::size_t>(count), nullptr);
  std::vector<std::string> values;
  if (pointers.empty()) return values;
  const Handle type = hdf5::variableStringType(path);
  checkStatus(H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
              "cannot read dataset " + name, path);
  for (char* text : pointers) values.emplace_back(text != nullptr ? text : "");
  H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, pointers.data());
  return values;
}

std::string readTextAttribute(hid_t object, const std::string& name, const std::string& path) {
  const Handle attribute{check(H5Aopen(object, name.c_str(), H5P_DEFAULT), "cannot open attribute " + name, path),
                         H5Aclose};
  const Handle type{check(H5Aget_type(attribute.get()), "type of attribute " + name, path), H5Tclose};
  std::string text(H5Tget_size(type.get()), '\0');
  checkStatus(H5Aread(attribute.get(), type.get(), text.data()), "cannot read attribute " + name, path);
  text.resize(text.find('\0') == std::string::npos ? text.size() : text.find('\0'));
  return text;
}

std::vector<std::string> splitCommas(const std::string& text) {
  std::vector<std::string> parts;
  for (std::size_t at = 0;;) {
    const std::size_t comma = text.find(',', at);
    parts.push_back(text.substr(at, comma - at));
    if (comma == std::string::npos) return parts;
    at = comma + 1;
  }
}

/// "<id> <name>" of each row of an id/name table (devices, loads, groups).
std::vector<std::string> labelsOf(hid_t file, const std::string& table, const std::string& path) {
  const std::vector<int> ids = hdf5::readInt32Table(file, table + "/id", path);
  const std::vector<std::string> names = readStrings(file, table + "/name", path);
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < ids.size(); ++i) labels.push_back(fmt::format("{} {}", ids[i], i < names.size() ? names[i] : ""));
  return labels;
}
}  // namespace

struct TraceReader::Impl {
  std::string path;
  Handle file;

  std::vector<std::string> labels(const std::string& quantity, hid_t dataset) const {
    if (quantity.starts_with("samples/")) return labelsOf(file.get(), "devices", path);
    if (quantity.starts_with("aggregates/loads/")) return labelsOf(file.get(), "loads", path);
    if (quantity.starts_with("aggregates/groups/")) return labelsOf(file.get(), "groups", path);
    // The grand totals: a column of its own, or the energies named by the `columns` attribute.
    if (H5Aexists(dataset, "columns") > 0) return splitCommas(readTextAttribute(dataset, "columns", path));
    return {quantity.substr(quantity.rfind('/') + 1)};
  }
};

TraceReader::TraceReader(const std::string& path) : impl_(std::make_unique<Impl>()) {
  hdf5::silenceAutomaticErrorPrinting();
  impl_->path = path;
  impl_->file = Handle{check(H5Fopen(path.c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, H5P_DEFAULT),
                             "cannot open the trace", path),
                       H5Fclose};
  if (!exists(impl_->file.get(), "samples/time_us")) hdf5::fail("not a run trace (no samples/time_us)", path);
}

TraceReader::~TraceReader() = default;

std::vector<std::string> TraceReader::quantities() const {
  std::vector<std::string> present;
  for (const std::string_view quantity : kQuantities) {
    if (exists(impl_->file.get(), std::string(quantity))) present.emplace_back(quantity);
  }
  return present;
}

TraceMatrix TraceReader::matrix(const std::string& quantity) const {
  const std::string& path = impl_->path;
  const hid_t file = impl_->file.get();
  const Handle dataset = hdf5::openDataset(file, quantity, path);
  const Handle space{check(H5Dget_space(dataset.get()), "dataspace of " + quantity, path), H5Sclose};
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 1 || rank > 3) hdf5::fail("unexpected rank of " + quantity, path);
  std::array<hsize_t, 3> dims{0, 1, 1};
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);

  TraceMatrix matrix;
  matrix.quantity = quantity;
  const std::string times = quantity.substr(0, quantity.find('/')) + "/time_us";
  const Handle timeSet = hdf5::openDataset(file, times, path);
  matrix.timesUs.resize(static_cast<std::size_t>(dims[0]));
  if (!matrix.timesUs.empty()) {
    // A trace read while it is written may have one more time than values, or the reverse:
    // both are read up to the rows of the quantity.
    const hsize_t start[1] = {0};
    const hsize_t count[1] = {dims[0]};
    const Handle timeSpace{check(H5Dget_space(timeSet.get()), "dataspace of " + times, path), H5Sclose};
    checkStatus(H5Sselect_hyperslab(timeSpace.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
                "rows of " + times, path);
    const Handle memory{check(H5Screate_simple(1, count, nullptr), "memory space", path), H5Sclose};
    checkStatus(H5Dread(timeSet.get(), H5T_NATIVE_INT64, memory.get(), timeSpace.get(), H5P_DEFAULT,
                        matrix.timesUs.data()),
                "cannot read " + times, path);
  }
  const std::vector<std::string> labels = impl_->labels(quantity, dataset.get());
  const std::size_t width = rank >= 2 ? static_cast<std::size_t>(dims[1]) : 1;
  const std::size_t depth = rank == 3 ? static_cast<std::size_t>(dims[2]) : 1;
  for (std::size_t c = 0; c < width; ++c) {
    const std::string label = c < labels.size() ? labels[c] : fmt::format("column {}", c);
    for (std::size_t k = 0; k < depth; ++k) matrix.columns.push_back(rank == 3 ? fmt::format("{} [{}]", label, k) : label);
  }
  matrix.values.resize(matrix.timesUs.size() * matrix.columns.size());
  if (!matrix.values.empty()) {
    checkStatus(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, matrix.values.data()),
                "cannot read " + quantity, path);
  }
  return matrix;
}

std::map<std::string, double> TraceReader::dlmKpis() const {
  std::map<std::string, double> kpis;
  const hid_t file = impl_->file.get();
  if (!exists(file, "dlm")) return kpis;
  const Handle group = hdf5::openGroup(file, "dlm", impl_->path);
  H5O_info_t info{};
  checkStatus(H5Oget_info(group.get(), &info), "attributes of dlm", impl_->path);
  for (hsize_t i = 0; i < info.num_attrs; ++i) {
    const Handle attribute{check(H5Aopen_by_idx(group.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT,
                                                H5P_DEFAULT),
                                 "attribute of dlm", impl_->path),
                           H5Aclose};
    const Handle type{check(H5Aget_type(attribute.get()), "attribute type", impl_->path), H5Tclose};
    if (H5Tget_class(type.get()) != H5T_FLOAT) continue;
    std::array<char, 256> name{};
    H5Aget_name(attribute.get(), name.size(), name.data());
    double value = 0.0;
    checkStatus(H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, &value), "cannot read dlm attribute", impl_->path);
    kpis.emplace(name.data(), value);
  }
  return kpis;
}

}  // namespace ews::stores
