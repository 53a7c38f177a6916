// libFuzzer target: the sessions file of a scenario (`sessionsFile`, docs/scenario-format.md),
// read by the loader as `ews validate` and `ews run` do: a small site with three charging
// stations names a CSV file holding the input. A ValidationError is the loader's answer to bad
// input; anything else escaping, a crash, a sanitizer report or a hang is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "ews/kernel/diagnostic.hpp"
#include "ews/scenario/loader.hpp"

namespace {

const std::string kSite =
    "run:\n  start: \"2026-01-05T00:00:00\"\n"
    "site: {timeZone: Europe/Paris}\n"
    "installation: {gateways: [{ip: 10.0.0.2, devices: [\n"
    "  {name: Meter, family: multifunction-meter, address: 1},\n"
    "  {name: CP1, family: charging-station, address: 2, phase: L2},\n"
    "  {name: CP2, family: charging-station, address: 3},\n"
    "  {name: CP3, family: charging-station, address: 4}]}]}\n"
    "dlm: {on: true, totalMeter: Meter, maxCurrent: 100}\n";

const std::filesystem::path csv =
    std::filesystem::temp_directory_path() / ("ews-fuzz-sessions-" + std::to_string(::getpid()) + ".csv");

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::atexit([] { std::filesystem::remove(csv); });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string scenario = kSite + "sessionsFile: \"" + csv.string() + "\"\n";
  {
    std::ofstream out(csv, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    (void)ews::scenario::parseScenario(scenario, "fuzz.yaml");
  } catch (const ews::ValidationError&) {
  }
  return 0;
}
