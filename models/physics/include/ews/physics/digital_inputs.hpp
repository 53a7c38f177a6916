#pragma once
// A digital input of the signalling and control interface 0 261 36 (manual 8.2.1: "a page
// showing the status of digital and analogue inputs"): a boolean state that changes at given
// instants - a contact of the installation opening and closing, as a scenario writes it or a
// test sets it. Its state at any instant and its next change are looked up, not stepped.
#include <cstdint>
#include <vector>

#include "ews/physics/quantities.hpp"

namespace ews::physics {

class DigitalInput {
 public:
  explicit DigitalInput(bool initialState = false) : initial_(initialState) {}

  /// From t on the input is `state`. Changes may be given in any order; a change at the
  /// same instant as an earlier one replaces it.
  void set(Time t, bool state);

  bool stateAt(Time t) const;
  /// The first instant after t at which the state differs from stateAt(t); kNever if none.
  Time nextChangeAfter(Time t) const;
  /// Off -> on transitions in (from, to] (a counting input).
  std::uint64_t risingEdges(Time from, Time to) const;

 private:
  struct Change {
    Time at;
    bool state;
  };
  bool initial_;
  std::vector<Change> changes_;  ///< sorted by time, one per instant
};

}  // namespace ews::physics
