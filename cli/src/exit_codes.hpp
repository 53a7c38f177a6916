#pragma once
// Exit codes of the `ews` command (documented in docs/cli.md).
namespace ews::cli {
enum ExitCode : int {
  kOk = 0,
  kRuntimeError = 1,    ///< the run failed: an output could not be written, an internal error
  kInvalidInput = 2,    ///< the scenario or its installation is invalid; diagnostics on stderr
  kInterrupted = 3,     ///< the run was stopped before its end (SIGINT / SIGTERM)
  kDifferent = 4,       ///< `ews compare --tolerance`: the runs differ beyond it
  kUsage = 64,          ///< bad command line (EX_USAGE)
};
}  // namespace ews::cli
