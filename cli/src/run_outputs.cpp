#include "run_outputs.hpp"

#include <cctype>
#include <fstream>
#include <initializer_list>

#include "ews/reports/atomic_file.hpp"

namespace ews::cli {

namespace fs = std::filesystem;

std::string defaultOutDir(const scenario::Scenario& scenario) {
  std::string name = scenario.name.empty() ? fs::path(scenario.file).stem().string() : scenario.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  }
  return (fs::path("out") / name).string();
}

void copyScenario(const std::string& from, const fs::path& to) {
  std::ifstream in(from, std::ios::binary);
  reports::AtomicFile out(to.string());
  out.stream() << in.rdbuf();
  out.commit();
}

namespace {
reports::CsvFormat csvFormatOf(const scenario::Scenario& scenario) {
  return {scenario.ews.csvDecimalSeparator, scenario.ews.csvFieldSeparator};
}

stores::RunInfo runInfoOf(const scenario::Scenario& scenario, const TimeZone& zone, std::uint64_t seed, Time start,
                          const std::string& creator) {
  stores::RunInfo info;
  info.scenarioName = scenario.name;
  info.seed = seed;
  info.twinVersion = EWS_VERSION;
  info.start = start;
  info.timeZone = zone.name();
  info.sampleRate = scenario.ews.sampleRate;
  info.creator = creator;
  return info;
}

stores::CsvTreeOptions treeOptionsOf(const scenario::Scenario& scenario) {
  stores::CsvTreeOptions options;
  options.format = csvFormatOf(scenario);
  return options;
}
}  // namespace

RunOutputs::RunOutputs(const fs::path& outDir, const scenario::Scenario& scenario,
                       const installation::Installation& installation, const TimeZone& zone, std::uint64_t seed,
                       Time start, const std::string& creator)
    : layout_(stores::layoutOf(installation, scenario.tariffs.plan, scenario.ews.currency)),
      trace_((outDir / "trace.csv").string(), csvFormatOf(scenario), zone),
      hdf5_((outDir / "trace.h5").string(), layout_,
            runInfoOf(scenario, zone, seed, start, creator)),
      csvTree_(outDir / "csv", layout_, zone, treeOptionsOf(scenario)) {}

void RunOutputs::attachTo(stack::EwsStack& ews) {
  for (recording::SampleSink* sink :
       std::initializer_list<recording::SampleSink*>{&trace_, &hdf5_, &csvTree_, &recorded_}) {
    ews.addSink(*sink);
  }
}

void RunOutputs::close() {
  trace_.close();
  hdf5_.close();
  csvTree_.flush();
}

}  // namespace ews::cli
