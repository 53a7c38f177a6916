// Test helper: records synthetic rows into a store, then either closes it or dies by SIGKILL
// mid-run (the crash-safety tests and the h5py tests drive it).
//
//   stores_helper trace <file.h5> <rows> <flush-every> close|kill
//   stores_helper csv   <root-dir> <rows> <flush-every> close|kill
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>

#include "ews/kernel/calendar.hpp"
#include "ews/stores/csv_tree_writer.hpp"
#include "ews/stores/hdf5_trace_writer.hpp"
#include "synthetic_site.hpp"

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s trace|csv <path> <rows> <flush-every> close|kill\n", argv[0]);
    return 2;
  }
  const std::string kind = argv[1];
  const std::string path = argv[2];
  const int rows = std::atoi(argv[3]);
  const auto flushEvery = static_cast<std::size_t>(std::atoi(argv[4]));
  const bool kill = std::string(argv[5]) == "kill";
  try {
    ews::stores::testing::SyntheticSite site;
    const ews::stores::FlushPolicy flush{flushEvery, std::chrono::milliseconds{0}};
    const ews::TimeZone zone("Europe/Paris");
    std::unique_ptr<ews::recording::SampleSink> sink;
    if (kind == "trace") {
      ews::stores::RunInfo run{"synthetic", 42, "0.1.0", site.timeOf(0), "Europe/Paris", ews::minutes(10),
                               "stores_helper"};
      sink = std::make_unique<ews::stores::Hdf5TraceWriter>(path, site.layout(), run,
                                                            ews::stores::Hdf5TraceWriter::Options{8, flush, 3});
    } else {
      ews::stores::CsvTreeWriter::Options options;
      options.flush = flush;
      sink = std::make_unique<ews::stores::CsvTreeWriter>(path, site.layout(), zone, options);
    }
    for (int row = 0; row < rows; ++row) site.feed(*sink, row);
    if (kill) std::raise(SIGKILL);  // no destructor, no close: as a power cut of the process
    sink.reset();                   // closes
  } catch (const std::exception& e) {
    std::fprintf(stderr, "stores_helper: %s\n", e.what());
    return 1;
  }
  return 0;
}
