#include "ews/simlink/rs485_timing.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace ews::simlink {

namespace {
// The technical sheet's rates span 1200..115200; the formula holds for any rate in between.
constexpr int kMinBaud = 1200;
constexpr int kMaxBaud = 115200;
constexpr std::int64_t kMicrosPerSecond = 1'000'000;

char parityLetter(Parity parity) {
  switch (parity) {
    case Parity::None: return 'N';
    case Parity::Even: return 'E';
    case Parity::Odd: return 'O';
  }
  return '?';
}

// 3.5 characters = 7 x bits x 1e6 / (2 x baud) µs, rounded up.
Duration silenceFor(const LineSettings& line) {
  if (line.baud > kFixedSilenceAboveBaud) return kFixedSilence;
  const std::int64_t numerator = 7 * static_cast<std::int64_t>(bitsPerCharacter(line)) * kMicrosPerSecond;
  const std::int64_t denominator = 2 * static_cast<std::int64_t>(line.baud);
  return Duration{(numerator + denominator - 1) / denominator};
}
}  // namespace

LineSettings lineSettingsFrom(const scenario::ModbusSettings& modbus) {
  return {.baud = modbus.baud, .parity = modbus.parity, .stopBits = modbus.stopBits, .timeout = modbus.timeout};
}

std::string validateLineSettings(const LineSettings& line) {
  if (line.baud < kMinBaud || line.baud > kMaxBaud) {
    return fmt::format("baud {} is out of range {}..{}", line.baud, kMinBaud, kMaxBaud);
  }
  if (line.stopBits != 1 && line.stopBits != 2) return fmt::format("stop bits {} is not 1 or 2", line.stopBits);
  if (parityLetter(line.parity) == '?') return "parity is not none, even or odd";
  if (line.timeout <= Duration{0}) return fmt::format("timeout {} us is not positive", line.timeout.count());
  return {};
}

std::string formatLineSettings(const LineSettings& line) {
  return fmt::format("{} 8{}{}", line.baud, parityLetter(line.parity), line.stopBits);
}

namespace {
// Checked before anything divides by the baud rate.
const LineSettings& validated(const LineSettings& line) {
  if (auto reason = validateLineSettings(line); !reason.empty()) {
    throw std::invalid_argument("RS485 line settings: " + reason);
  }
  return line;
}
}  // namespace

Rs485Timing::Rs485Timing(const LineSettings& line)
    : line_(validated(line)),
      bitsPerCharacter_(simlink::bitsPerCharacter(line)),
      bitMicrosNumerator_(static_cast<std::int64_t>(bitsPerCharacter_) * kMicrosPerSecond),
      silence_(silenceFor(line)) {}

}  // namespace ews::simlink
