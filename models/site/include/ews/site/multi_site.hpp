#pragma once
// Several EWS instances of a Master/Slave hierarchy (scenario/instances.hpp) in ONE virtual-time
// engine (docs/design.md decision 9): each instance is a SimulatedSite with its own EWS stack on the
// shared engine, and each master's virtual gateway is linked to its slave's served registers
// by a SlaveLink (a fixed Modbus TCP round trip), so a three-level site of a thousand points
// replays in seconds, deterministically. The same stacks run as separate processes over real
// Modbus TCP with `ews twin` / `ews live` (docs/master-slave.md).
#include <memory>
#include <string>
#include <vector>

#include "ews/kernel/engine.hpp"
#include "ews/link/async_link.hpp"
#include "ews/scenario/instances.hpp"
#include "ews/site/simulated_site.hpp"
#include "ews/site/simulated_stack.hpp"
#include "ews/site/slave_link.hpp"

namespace ews::site {

class MultiSite {
 public:
  /// Builds every instance on one engine. The top master's run section governs the run (its
  /// start, duration, seed and clock, with `overrides`); each instance keeps its own seed for
  /// its load profiles and its own control period. Throws ews::ValidationError for what an
  /// instance's site refuses and for a virtual gateway with active devices that no `slaves:`
  /// entry links to a slave (nothing would answer it in this run).
  explicit MultiSite(scenario::InstanceSet hierarchy, const RunOverrides& overrides = {});
  ~MultiSite();
  MultiSite(const MultiSite&) = delete;
  MultiSite& operator=(const MultiSite&) = delete;

  Engine& engine() { return *engine_; }
  std::size_t size() const { return sites_.size(); }
  /// Instance i of the hierarchy: [0] is the top master.
  const scenario::Instance& instance(std::size_t i) const { return hierarchy_.instances.at(i); }
  const std::vector<scenario::InstanceReading>& readings() const { return hierarchy_.readings; }
  SimulatedSite& site(std::size_t i) { return *sites_.at(i); }
  stack::EwsStack& stack(std::size_t i) { return stacks_.at(i)->ews(); }

  /// Starts every instance's stack (polling, DLM) at the engine's current time.
  void startStacks();
  Time start() const { return start_; }
  Time end() const { return end_; }
  /// Runs to `t` (clamped to end()); slices give the same result as one run.
  bool runUntil(Time t) { return engine_->runUntil(std::min(t, end_)); }
  bool runToEnd() { return runUntil(end_); }

 private:
  scenario::InstanceSet hierarchy_;
  std::unique_ptr<Engine> engine_;
  Time start_{};
  Time end_{};
  // Declared before the stacks, so the pollers using them are destroyed first.
  std::vector<std::unique_ptr<SlaveLink>> slaveLinks_;
  std::vector<std::unique_ptr<link::VirtualTimeLink>> lines_;
  std::vector<std::unique_ptr<SimulatedSite>> sites_;
  std::vector<std::unique_ptr<SimulatedStack>> stacks_;
};

}  // namespace ews::site
