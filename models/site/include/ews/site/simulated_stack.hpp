#pragma once
// The EWS stack polling a simulated site through its SimLinks in virtual time: the twin that
// `ews run` records, `ews sweep` measures and Python drives. Exactly the stack of a live site (live/), over
// other links.
#include <memory>
#include <vector>

#include "ews/link/async_link.hpp"
#include "ews/site/simulated_site.hpp"
#include "ews/stack/ews_stack.hpp"

namespace ews::site {

class SimulatedStack {
 public:
  /// `site` must outlive the object. The stack's settings come from the site's scenario.
  explicit SimulatedStack(SimulatedSite& site);

  stack::EwsStack& ews() { return ews_; }
  /// Starts polling (and the DLM) at the site's current time.
  void start() { ews_.start(); }

 private:
  std::vector<std::unique_ptr<link::VirtualTimeLink>> lines_;
  stack::EwsStack ews_;
};

}  // namespace ews::site
