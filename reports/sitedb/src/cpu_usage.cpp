// CPU use from /proc: the process's utime+stime and the machine's busy and idle time, all in
// clock ticks, so both percentages share one denominator (all cores' ticks).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "ews/sitedb/system_info.hpp"

namespace ews::sitedb {

namespace {
Time wallNow() {
  return Time{std::chrono::duration_cast<Duration>(std::chrono::system_clock::now().time_since_epoch())};
}

std::optional<std::uint64_t> processTicks(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  // The command name (field 2) is in parentheses and may hold spaces: count fields after ')'.
  const auto close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(close + 1));
  std::string field;
  std::uint64_t utime = 0;
  std::uint64_t stime = 0;
  for (int number = 3; fields >> field; ++number) {  // field 3 is the state
    if (number == 14) utime = std::stoull(field);
    if (number == 15) {
      stime = std::stoull(field);
      return utime + stime;
    }
  }
  return std::nullopt;
}
}  // namespace

CpuSampler::CpuSampler(std::optional<int> pid) : pid_(pid), last_(read()) {}

CpuSampler::Reading CpuSampler::read() const {
  Reading reading;
  reading.at = wallNow();
  try {
    if (pid_) reading.processTicks = processTicks(*pid_);
    std::ifstream in("/proc/stat");
    std::string label;
    if (in >> label && label == "cpu") {
      // user nice system idle iowait irq softirq steal (guest time is already in user)
      std::uint64_t value[8] = {};
      for (auto& v : value) in >> v;
      if (in) {
        std::uint64_t total = 0;
        for (const auto v : value) total += v;
        reading.machineTicks = total;
        reading.machineIdleTicks = value[3] + value[4];
      }
    }
  } catch (const std::exception&) {
    // An unreadable /proc (another OS, a vanished process): the figures stay unknown.
  }
  return reading;
}

CpuUse CpuSampler::sample() {
  const Reading now = read();
  CpuUse use;
  use.interval = now.at - last_.at;
  if (now.machineTicks && last_.machineTicks && *now.machineTicks > *last_.machineTicks) {
    const double total = static_cast<double>(*now.machineTicks - *last_.machineTicks);
    const double idle = static_cast<double>(*now.machineIdleTicks - *last_.machineIdleTicks);
    use.machinePercent = std::clamp(100.0 * (total - idle) / total, 0.0, 100.0);
    if (now.processTicks && last_.processTicks && *now.processTicks >= *last_.processTicks) {
      use.processPercent =
          std::clamp(100.0 * static_cast<double>(*now.processTicks - *last_.processTicks) / total, 0.0, 100.0);
    }
  }
  last_ = now;
  return use;
}

CpuUse measureCpu(std::optional<int> pid, Duration interval) {
  CpuSampler sampler(pid);
  std::this_thread::sleep_for(std::chrono::microseconds(toMicros(interval)));
  return sampler.sample();
}

}  // namespace ews::sitedb
