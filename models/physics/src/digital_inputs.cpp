#include "ews/physics/digital_inputs.hpp"

#include <algorithm>

namespace ews::physics {

namespace {
constexpr auto kByTime = [](Time t, const auto& change) { return t < change.at; };
}  // namespace

void DigitalInput::set(Time t, bool state) {
  const auto after = std::upper_bound(changes_.begin(), changes_.end(), t, kByTime);
  if (after != changes_.begin() && (after - 1)->at == t) {
    (after - 1)->state = state;
  } else {
    changes_.insert(after, Change{t, state});
  }
}

bool DigitalInput::stateAt(Time t) const {
  const auto after = std::upper_bound(changes_.begin(), changes_.end(), t, kByTime);
  return after == changes_.begin() ? initial_ : (after - 1)->state;
}

Time DigitalInput::nextChangeAfter(Time t) const {
  const bool now = stateAt(t);
  for (auto it = std::upper_bound(changes_.begin(), changes_.end(), t, kByTime); it != changes_.end(); ++it) {
    if (it->state != now) return it->at;
  }
  return kNever;
}

std::uint64_t DigitalInput::risingEdges(Time from, Time to) const {
  std::uint64_t edges = 0;
  bool previous = stateAt(from);
  for (auto it = std::upper_bound(changes_.begin(), changes_.end(), from, kByTime);
       it != changes_.end() && it->at <= to; ++it) {
    if (it->state && !previous) ++edges;
    previous = it->state;
  }
  return edges;
}

}  // namespace ews::physics
