#pragma once
// The `ews` subcommands. Each returns an exit code (exit_codes.hpp).
#include <cstdint>
#include <optional>
#include <string>

namespace ews::cli {

struct ValidateOptions {
  std::string scenarioPath;
};
int runValidate(const ValidateOptions& options);

struct RunOptions {
  std::string scenarioPath;
  std::string outDir;  ///< empty: out/<scenario name>
  std::optional<std::uint64_t> seed;
  std::optional<std::string> duration;  ///< e.g. "2d", overrides run.duration
  std::optional<std::string> clock;     ///< "virtual" | "wall"
  std::optional<double> speed;
  bool quiet = false;
};
int runRun(const RunOptions& options);

struct TwinOptions {
  std::string scenarioPath;
  std::string listen = "127.0.0.1:0";  ///< host:port of the first gateway; port 0: free ports
  std::optional<std::uint64_t> seed;
  std::optional<std::string> duration;
  std::optional<double> speed;
};
int runTwin(const TwinOptions& options);

}  // namespace ews::cli
