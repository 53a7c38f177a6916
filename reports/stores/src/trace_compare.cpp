#include "ews/stores/trace_compare.hpp"

#include <cmath>
#include <map>

namespace ews::stores {

QuantityComparison compareMatrices(const TraceMatrix& a, const TraceMatrix& b) {
  QuantityComparison result;
  result.quantity = a.quantity;

  std::map<std::string, std::size_t> columnsOfB;
  for (std::size_t c = 0; c < b.columns.size(); ++c) columnsOfB.emplace(b.columns[c], c);
  std::vector<std::pair<std::size_t, std::size_t>> pairs;  // (column in a, column in b)
  for (std::size_t c = 0; c < a.columns.size(); ++c) {
    const auto found = columnsOfB.find(a.columns[c]);
    if (found == columnsOfB.end()) {
      result.columnsOnlyInA.push_back(a.columns[c]);
      continue;
    }
    pairs.emplace_back(c, found->second);
    columnsOfB.erase(found);
  }
  for (std::size_t c = 0; c < b.columns.size(); ++c) {
    if (columnsOfB.count(b.columns[c]) != 0) result.columnsOnlyInB.push_back(b.columns[c]);
  }
  result.columns = pairs.size();

  // Both traces are in time order (the recorder refuses a sample not after the last one).
  std::size_t rowA = 0;
  std::size_t rowB = 0;
  while (rowA < a.timesUs.size() || rowB < b.timesUs.size()) {
    if (rowB == b.timesUs.size() || (rowA < a.timesUs.size() && a.timesUs[rowA] < b.timesUs[rowB])) {
      ++result.rowsOnlyInA;
      ++rowA;
      continue;
    }
    if (rowA == a.timesUs.size() || b.timesUs[rowB] < a.timesUs[rowA]) {
      ++result.rowsOnlyInB;
      ++rowB;
      continue;
    }
    ++result.rows;
    for (const auto& [columnA, columnB] : pairs) {
      const double valueA = a.at(rowA, columnA);
      const double valueB = b.at(rowB, columnB);
      if (std::isnan(valueA) || std::isnan(valueB)) {
        if (std::isnan(valueA) != std::isnan(valueB)) ++result.knownInOneOnly;
        continue;
      }
      result.sumA += valueA;
      result.sumB += valueB;
      const double difference = std::fabs(valueA - valueB);
      if (difference > 0.0 && (!result.largest || difference > result.largest->absolute())) {
        result.largest = LargestDifference{a.columns[columnA], a.timesUs[rowA], valueA, valueB};
      }
    }
    ++rowA;
    ++rowB;
  }
  return result;
}

}  // namespace ews::stores
