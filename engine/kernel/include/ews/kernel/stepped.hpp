#pragma once
// Two-phase steps (docs/design.md decision 4): at each tick every component first observes the state
// at t (and decides), then every component updates. A component must not change anything
// another component can see during observe(). Within a phase, components run in the order of
// their stable ids, so results never depend on the order in which they were added.
#include <string>

#include "ews/kernel/time.hpp"

namespace ews {

class SteppedComponent {
 public:
  virtual ~SteppedComponent() = default;
  /// Stable id: also the seed key of the component's random stream.
  virtual const std::string& componentId() const = 0;
  /// Reads the state at t and decides what to do; changes only the component's private intent.
  virtual void observe(Time t) = 0;
  /// Applies the decision taken in observe(t).
  virtual void update(Time t) = 0;
};

}  // namespace ews
