#pragma once
// The run a trace belongs to, written as the /meta attributes of the HDF5 trace.
#include <cstdint>
#include <string>

#include "ews/kernel/time.hpp"

namespace ews::stores {

struct RunInfo {
  std::string scenarioName;
  std::uint64_t seed = 0;
  std::string twinVersion;  ///< ews-twin version (PROJECT_VERSION)
  Time start{};
  std::string timeZone = "Europe/Paris";  ///< IANA name of the site's zone
  Duration sampleRate = minutes(10);
  std::string creator = "ews-twin";  ///< the tool that wrote the file (CLI, Python, test)
};

}  // namespace ews::stores
