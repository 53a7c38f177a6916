// compareMatrices (ews/stores/trace_compare.hpp): rows matched by instant, columns by name, the
// largest difference over values known in both, and what one run has and the other has not.
#include <gtest/gtest.h>

#include <limits>

#include "ews/stores/trace_compare.hpp"

namespace ews::stores {
namespace {

constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

TraceMatrix matrixOf(std::vector<std::int64_t> timesUs, std::vector<std::string> columns, std::vector<double> values) {
  return TraceMatrix{"samples/delta", std::move(timesUs), std::move(columns), std::move(values)};
}

TEST(TraceCompare, EqualMatricesHaveNoDifference) {
  const TraceMatrix a = matrixOf({10, 20}, {"1 Main", "2 Sub"}, {1, 2, 3, 4});
  const QuantityComparison c = compareMatrices(a, a);
  EXPECT_EQ(c.rows, 2U);
  EXPECT_EQ(c.columns, 2U);
  EXPECT_FALSE(c.largest.has_value());
  EXPECT_DOUBLE_EQ(c.sumA, 10.0);
  EXPECT_DOUBLE_EQ(c.sumB, 10.0);
}

TEST(TraceCompare, ColumnsAreMatchedByNameAndTheLargestDifferenceIsKeptWithItsPlace) {
  const TraceMatrix a = matrixOf({10, 20}, {"1 Main", "2 Sub"}, {1, 2, 3, 4});
  // B lists its columns the other way round; Main differs by 0.5 at 10, Sub by 7 at 20.
  const TraceMatrix b = matrixOf({10, 20}, {"2 Sub", "1 Main"}, {2, 1.5, 11, 3});
  const QuantityComparison c = compareMatrices(a, b);
  ASSERT_TRUE(c.largest.has_value());
  EXPECT_EQ(c.largest->column, "2 Sub");
  EXPECT_EQ(c.largest->atUs, 20);
  EXPECT_DOUBLE_EQ(c.largest->a, 4.0);
  EXPECT_DOUBLE_EQ(c.largest->b, 11.0);
  EXPECT_DOUBLE_EQ(c.largest->absolute(), 7.0);
}

TEST(TraceCompare, InstantsAndColumnsOfOneRunOnlyAreCountedNotCompared) {
  const TraceMatrix a = matrixOf({10, 20, 30}, {"1 Main", "3 Old"}, {1, 100, 2, 100, 3, 100});
  const TraceMatrix b = matrixOf({20, 30, 40}, {"1 Main", "4 New"}, {2, 0, 3, 0, 999, 0});
  const QuantityComparison c = compareMatrices(a, b);
  EXPECT_EQ(c.rows, 2U);
  EXPECT_EQ(c.rowsOnlyInA, 1U);
  EXPECT_EQ(c.rowsOnlyInB, 1U);
  EXPECT_EQ(c.columns, 1U);
  EXPECT_EQ(c.columnsOnlyInA, std::vector<std::string>{"3 Old"});
  EXPECT_EQ(c.columnsOnlyInB, std::vector<std::string>{"4 New"});
  EXPECT_FALSE(c.largest.has_value());  // 999 at 40 is in B only
}

TEST(TraceCompare, AValueKnownInOneRunOnlyIsAGapNotAnAmount) {
  const TraceMatrix a = matrixOf({10, 20}, {"1 Main"}, {kUnknown, 5});
  const TraceMatrix b = matrixOf({10, 20}, {"1 Main"}, {1000, kUnknown});
  const QuantityComparison both = compareMatrices(a, a);
  EXPECT_EQ(both.knownInOneOnly, 0U);
  const QuantityComparison c = compareMatrices(a, b);
  EXPECT_EQ(c.knownInOneOnly, 2U);
  EXPECT_FALSE(c.largest.has_value());
  EXPECT_DOUBLE_EQ(c.sumA, 0.0);
}

}  // namespace
}  // namespace ews::stores
