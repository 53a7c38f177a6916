#include "result_tables.hpp"

#include <fmt/format.h>

#include "ews/stores/store_error.hpp"
#include "hdf5_handle.hpp"

namespace ews::stores::hdf5 {

namespace {
std::size_t lengthOf(const ResultTable::Column& column) {
  return std::visit([](const auto& values) { return values.size(); }, column.values);
}
}  // namespace

void writeResultTable(hid_t file, const ResultTable& table, const std::string& path) {
  Handle group = createGroup(file, table.group, path);
  for (const auto& [name, value] : table.figures) writeAttribute(group.get(), name, value, path);
  if (table.columns.empty()) return;
  const std::size_t rows = lengthOf(table.columns.front());
  Handle rowsGroup = createGroup(group.get(), table.table, path);
  for (const ResultTable::Column& column : table.columns) {
    if (lengthOf(column) != rows) {
      throw StoreError(fmt::format("{}: /{}/{}/{} has {} rows, the table {}", path, table.group, table.table,
                                   column.name, lengthOf(column), rows));
    }
    if (const auto* numbers = std::get_if<std::vector<double>>(&column.values)) {
      writeFloat64Table(rowsGroup.get(), column.name, *numbers, path);
    } else if (const auto* integers = std::get_if<std::vector<std::int64_t>>(&column.values)) {
      writeInt64Table(rowsGroup.get(), column.name, *integers, path);
    } else {
      writeStringTable(rowsGroup.get(), column.name, std::get<std::vector<std::string>>(column.values), path);
    }
  }
}

}  // namespace ews::stores::hdf5
