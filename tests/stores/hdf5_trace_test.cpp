// The HDF5 trace written by the C++ writer and read by h5py: while being written (SWMR),
// after a kill -9, and after a resume. Layout details are checked by test_hdf5_trace.py.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "ews/stores/hdf5_trace_writer.hpp"
#include "ews/stores/store_error.hpp"
#include "synthetic_site.hpp"
#include "test_support.hpp"

namespace {

using ews::stores::FlushPolicy;
using ews::stores::Hdf5TraceWriter;
using ews::stores::RunInfo;
using ews::stores::StoreError;
using namespace ews::stores::testing;

RunInfo run() { return RunInfo{"synthetic", 42, "0.1.0", SyntheticSite::timeOf(0), "Europe/Paris", ews::minutes(10), "stores_tests"}; }

Hdf5TraceWriter::Options everySamples(std::size_t chunkRows, std::size_t flushEvery) {
  return Hdf5TraceWriter::Options{chunkRows, FlushPolicy{flushEvery, std::chrono::milliseconds{0}}, 3};
}

TEST(Hdf5Trace, AnSwmrReaderSeesFlushedRowsWhileTheWriterRuns) {
  TempDir dir;
  const auto path = dir.path() / "run.h5";
  SyntheticSite site;
  Hdf5TraceWriter writer(path.string(), site.layout(), run(), everySamples(8, 8));
  EXPECT_EQ(writer.samplesPerFlush(), 8U);
  for (int row = 0; row < 16; ++row) site.feed(writer, row);  // two whole chunks, flushed

  auto read = checkTraceWithH5py(path, {"--swmr", "--rows", "16", "--closed", "0"});
  EXPECT_EQ(read.exitCode, 0) << read.output;

  for (int row = 16; row < 20; ++row) site.feed(writer, row);  // buffered: not visible yet
  read = checkTraceWithH5py(path, {"--swmr", "--rows", "16"});
  EXPECT_EQ(read.exitCode, 0) << read.output;

  writer.flush();  // a partial chunk, visible now
  read = checkTraceWithH5py(path, {"--swmr", "--rows", "20"});
  EXPECT_EQ(read.exitCode, 0) << read.output;

  site.feed(writer, 20);
  writer.close();
  read = checkTraceWithH5py(path, {"--rows", "21", "--closed", "1"});
  EXPECT_EQ(read.exitCode, 0) << read.output;
}

TEST(Hdf5Trace, KillDuringRecordingLosesAtMostOneFlushIntervalAndResumesWithoutDuplicates) {
  TempDir dir;
  const auto path = dir.path() / "run.h5";
  constexpr int kRows = 10;
  constexpr int kFlushEvery = 4;
  const auto child = runChild({EWS_STORES_HELPER, "trace", path.string(), std::to_string(kRows),
                               std::to_string(kFlushEvery), "kill"});
  ASSERT_TRUE(child.killedBySigkill) << child.output;

  // The file opens for an SWMR reader, with every flushed row (8: flushes after rows 4 and 8).
  const std::vector<std::string> bounds = {"--min-rows", std::to_string(kRows - kFlushEvery), "--max-rows",
                                           std::to_string(kRows), "--closed", "0"};
  auto swmrArguments = bounds;
  swmrArguments.emplace_back("--swmr");
  auto read = checkTraceWithH5py(path, swmrArguments);
  EXPECT_EQ(read.exitCode, 0) << read.output;
  EXPECT_NE(read.output.find("rows=8"), std::string::npos) << read.output;
  // A plain reader is refused until the "open for writing" mark is cleared (HDF5 1.10).
  read = checkTraceWithH5py(path, bounds);
  EXPECT_NE(read.exitCode, 0) << read.output;
  EXPECT_NE(read.output.find("h5clear"), std::string::npos) << read.output;
  ews::stores::releaseCrashedTrace(path.string());
  read = checkTraceWithH5py(path, bounds);
  EXPECT_EQ(read.exitCode, 0) << read.output;
  EXPECT_NE(read.output.find("rows=8"), std::string::npos) << read.output;

  // A restarted run replays from the start; the writer keeps what is stored and appends the rest.
  SyntheticSite site;
  Hdf5TraceWriter writer(path.string(), site.layout(), run(), {}, Hdf5TraceWriter::Mode::Resume);
  EXPECT_EQ(writer.sampleRows(), 8U);
  EXPECT_EQ(writer.lastSampleTime(), SyntheticSite::timeOf(7));
  for (int row = 0; row < 16; ++row) site.feed(writer, row);
  // Refused: 8 sample rows, 8 aggregate rows, the events of rows 0, 3 and 6.
  EXPECT_EQ(writer.rejectedRecords(), 19U);
  EXPECT_NE(writer.lastRejection().find("not after the last one written"), std::string::npos);
  writer.close();
  read = checkTraceWithH5py(path, {"--rows", "16", "--closed", "1"});
  EXPECT_EQ(read.exitCode, 0) << read.output;
}

TEST(Hdf5Trace, AKilledTraceResumesWithoutBeingReleasedFirst) {
  TempDir dir;
  const auto path = dir.path() / "run.h5";
  const auto child = runChild({EWS_STORES_HELPER, "trace", path.string(), "13", "4", "kill"});
  ASSERT_TRUE(child.killedBySigkill) << child.output;
  SyntheticSite site;
  Hdf5TraceWriter writer(path.string(), site.layout(), run(), {}, Hdf5TraceWriter::Mode::Resume);
  EXPECT_EQ(writer.sampleRows(), 12U);
  for (int row = 12; row < 30; ++row) site.feed(writer, row);
  EXPECT_EQ(writer.rejectedRecords(), 0U);
  writer.close();
  const auto read = checkTraceWithH5py(path, {"--rows", "30", "--closed", "1"});
  EXPECT_EQ(read.exitCode, 0) << read.output;
}

TEST(Hdf5Trace, ResumingTheTraceOfAnotherInstallationIsRefused) {
  TempDir dir;
  const auto path = dir.path() / "run.h5";
  SyntheticSite site;
  { Hdf5TraceWriter writer(path.string(), site.layout(), run()); }
  auto other = site.layout();
  other.devices.pop_back();
  try {
    Hdf5TraceWriter writer(path.string(), other, run(), {}, Hdf5TraceWriter::Mode::Resume);
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("device table"), std::string::npos) << e.what();
  }
}

TEST(Hdf5Trace, SamplesNotAfterTheLastOneAreRefusedAndReported) {
  TempDir dir;
  SyntheticSite site;
  Hdf5TraceWriter writer((dir.path() / "run.h5").string(), site.layout(), run());
  site.feed(writer, 0);
  site.feed(writer, 1);
  writer.onSamples(SyntheticSite::timeOf(1), site.samples(1));
  writer.onSamples(SyntheticSite::timeOf(0), site.samples(0));
  EXPECT_EQ(writer.rejectedRecords(), 2U);
  EXPECT_EQ(writer.sampleRows(), 2U);
  EXPECT_NE(writer.lastRejection().find("2026-01-01T00:00:00"), std::string::npos) << writer.lastRejection();
}

TEST(Hdf5Trace, HdfErrorsNameThePathAndTheLibraryStack) {
  SyntheticSite site;
  const std::string path = "/nonexistent-ews-folder/run.h5";
  try {
    Hdf5TraceWriter writer(path, site.layout(), run());
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(path), std::string::npos) << what;
    EXPECT_NE(what.find("H5F"), std::string::npos) << what;  // a frame of the HDF5 error stack
  }
}

TEST(Hdf5Trace, DefaultChunksHoldTensOfKiBAndFlushWholeChunks) {
  TempDir dir;
  for (const int devices : {1, 32, 255}) {
    ews::stores::StoreLayout layout;
    for (int id = 1; id <= devices; ++id) {
      ews::stores::DeviceEntry device;
      device.id = id;
      device.name = fmt::format("d{}", id);
      layout.devices.push_back(device);
    }
    Hdf5TraceWriter writer((dir.path() / fmt::format("run{}.h5", devices)).string(), layout, run());
    const std::size_t chunkBytes = writer.chunkRows() * 8 * static_cast<std::size_t>(devices);
    EXPECT_GE(chunkBytes, 16U * 1024) << devices;
    EXPECT_LE(chunkBytes, 1024U * 1024) << devices;
    EXPECT_EQ(writer.samplesPerFlush(), writer.chunkRows());
  }
}

}  // namespace
