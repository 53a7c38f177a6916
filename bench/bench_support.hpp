#pragma once
// Small helpers shared by the benchmark files.
#include <vector>

#include "ews/installation/installation.hpp"

namespace ews::bench {

/// Every device id of the installation, to put them all in the poller's fast class.
inline std::vector<int> deviceIdsOf(const installation::Installation& installation) {
  std::vector<int> ids;
  for (const installation::Device* device : installation.devices()) ids.push_back(device->id);
  return ids;
}

}  // namespace ews::bench
