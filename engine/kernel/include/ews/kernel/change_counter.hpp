#pragma once
// A count of the state changes of a group of components (the models of one simulated site):
// each component bumps it whenever its state changes, so a value derived from many of them
// (a feeder meter's sum over its downstream tree) can be kept until the count moves, with one
// comparison instead of a walk over the components. Not thread-safe: one engine thread.
#include <cstdint>

namespace ews {

class ChangeCounter {
 public:
  void bump() { ++count_; }
  std::uint64_t count() const { return count_; }

 private:
  std::uint64_t count_ = 0;
};

}  // namespace ews
