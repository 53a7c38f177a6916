#pragma once
// A one-line progress bar on stderr for long runs, only when stderr is a terminal.
#include <cstdio>
#include <string>

namespace ews::cli {

class ProgressBar {
 public:
  /// Active only when `enabled` and stderr is a terminal.
  explicit ProgressBar(bool enabled);
  /// fraction in [0, 1]; `label` is printed after the bar (e.g. the simulated date).
  void show(double fraction, const std::string& label);
  void finish();
  bool active() const { return active_; }

 private:
  bool active_;
  int lastPercent_ = -1;
};

}  // namespace ews::cli
