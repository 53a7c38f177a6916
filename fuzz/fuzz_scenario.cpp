// libFuzzer target: the scenario loader on any text. A ValidationError is the loader's answer to
// bad input; anything else escaping, a crash, a sanitizer report or a hang is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ews/kernel/diagnostic.hpp"
#include "ews/scenario/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)ews::scenario::parseScenario(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
  } catch (const ews::ValidationError&) {
  }
  return 0;
}
