#pragma once
// RS485 line time of Modbus RTU (docs/design.md, RS485 timing): how long frames and the silences between
// them take on a line with given settings (manual 7.8, technical sheet PM1WS10/32 section 5).
//
// Every time is whole microseconds (docs/design.md decision 1). Each piece of a transaction — the
// request frame, the t3.5 silence, the response frame — is rounded UP to the next microsecond
// on its own, so the pieces add up exactly to the whole and the line is never modelled as
// faster than it is (at most 1 µs per piece too slow).
#include <string>

#include "ews/kernel/time.hpp"
#include "ews/scenario/scenario.hpp"

namespace ews::simlink {

using Parity = scenario::Parity;

/// The settings of one RS485 line. Defaults: the EWS defaults (19200 baud 8E1, 300 ms).
struct LineSettings {
  int baud = 19200;               ///< 1200 .. 115200 bit/s
  Parity parity = Parity::Even;
  int stopBits = 1;               ///< 1 or 2
  Duration timeout = milliseconds(300);  ///< response timeout of the master (EWS "RS485 timeout")
};

LineSettings lineSettingsFrom(const scenario::ModbusSettings& modbus);

/// Empty when valid, else the reason ("baud 300 is out of range 1200..115200").
std::string validateLineSettings(const LineSettings& line);

/// "19200 8E1", "9600 8N2".
std::string formatLineSettings(const LineSettings& line);

/// 1 start + 8 data + (parity ? 1 : 0) + stop bits: 11 for 8E1 and 8N2, 10 for 8N1.
constexpr int bitsPerCharacter(const LineSettings& line) {
  return 1 + 8 + (line.parity == Parity::None ? 0 : 1) + line.stopBits;
}

/// Above this rate the Modbus serial line spec (v1.02, 2.5.1.1) fixes t3.5 instead of
/// scaling it with the character time.
inline constexpr int kFixedSilenceAboveBaud = 19200;
inline constexpr Duration kFixedSilence = microseconds(1750);

/// The line time of frames on one line, with the per-line constants computed once.
class Rs485Timing {
 public:
  /// Throws std::invalid_argument when validateLineSettings fails.
  explicit Rs485Timing(const LineSettings& line);

  const LineSettings& line() const { return line_; }
  int bitsPerCharacter() const { return bitsPerCharacter_; }

  /// Time of `bytes` characters on the wire: ceil(bytes x bits x 1e6 / baud) µs.
  Duration frameTime(int bytes) const {
    return Duration{(static_cast<std::int64_t>(bytes) * bitMicrosNumerator_ + line_.baud - 1) / line_.baud};
  }
  /// t3.5, the silence that ends a frame: ceil(3.5 x bits x 1e6 / baud) µs up to 19200 baud,
  /// 1750 µs above.
  Duration silence() const { return silence_; }

  /// A complete answered transaction on an idle line:
  /// frame(request) + t3.5 + turnaround + frame(response) + t3.5 (+ adapter latency, once).
  Duration transactionTime(int requestBytes, int responseBytes, Duration turnaround,
                           Duration adapterLatency = Duration{0}) const {
    return adapterLatency + frameTime(requestBytes) + silence_ + turnaround + frameTime(responseBytes) + silence_;
  }

 private:
  LineSettings line_;
  int bitsPerCharacter_;
  std::int64_t bitMicrosNumerator_;  // bits per character x 1e6: frame time = bytes x this / baud
  Duration silence_;
};

}  // namespace ews::simlink
