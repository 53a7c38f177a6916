// libFuzzer target: a device profile (register map) file on any text; a ValidationError is the
// loader's answer to bad input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ews/kernel/diagnostic.hpp"
#include "ews/profiles/register_map.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)ews::profiles::RegisterMap::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
  } catch (const ews::ValidationError&) {
  }
  return 0;
}
