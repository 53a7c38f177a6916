#pragma once
// Sample-by-sample comparison of one quantity of two run traces (`ews compare`, docs/cli.md):
// rows matched by instant, columns by "<id> <name>", and the largest difference over the values
// both runs know. A value one run knows and the other does not (a gap, NaN) is counted apart:
// it is a difference of recording, not of amount.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ews/stores/trace_reader.hpp"

namespace ews::stores {

struct LargestDifference {
  std::string column;
  std::int64_t atUs = 0;
  double a = 0.0;
  double b = 0.0;
  double absolute() const { return a > b ? a - b : b - a; }
};

struct QuantityComparison {
  std::string quantity;
  std::size_t rows = 0;  ///< instants in both runs
  std::size_t rowsOnlyInA = 0;
  std::size_t rowsOnlyInB = 0;
  std::size_t columns = 0;  ///< columns in both runs
  std::vector<std::string> columnsOnlyInA;
  std::vector<std::string> columnsOnlyInB;
  std::size_t knownInOneOnly = 0;  ///< values NaN in one run and not in the other
  double sumA = 0.0;               ///< the known values compared, added up (the scale of a difference)
  double sumB = 0.0;
  std::optional<LargestDifference> largest;  ///< none when every compared value is equal
};

QuantityComparison compareMatrices(const TraceMatrix& a, const TraceMatrix& b);

}  // namespace ews::stores
