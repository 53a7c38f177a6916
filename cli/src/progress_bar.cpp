#include "progress_bar.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

namespace ews::cli {

namespace {
constexpr int kBarWidth = 40;
}

ProgressBar::ProgressBar(bool enabled) : active_(enabled && isatty(STDERR_FILENO) == 1) {}

void ProgressBar::show(double fraction, const std::string& label) {
  if (!active_) return;
  const int percent = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 100.0);
  if (percent == lastPercent_) return;  // redraw only when the figure changes
  lastPercent_ = percent;
  const int filled = percent * kBarWidth / 100;
  fmt::print(stderr, "\r[{}{}] {:3}% {}", std::string(static_cast<std::size_t>(filled), '#'),
             std::string(static_cast<std::size_t>(kBarWidth - filled), ' '), percent, label);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (!active_) return;
  fmt::print(stderr, "\n");
}

}  // namespace ews::cli
