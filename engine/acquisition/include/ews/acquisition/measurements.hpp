#pragma once
// What the acquisition knows about every device: its communication status, the latest
// decoded value of each quantity it polls (with timestamp and quality), and its consumption
// counter made safe for history (wraps, resets and meter replacements corrected: it never
// decreases). Written by the Poller on the engine thread; read by the recorder, the DLM and,
// through snapshots, by other threads' consumers.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ews/kernel/time.hpp"
#include "ews/recording/sample.hpp"

namespace ews::acquisition {

/// The device status of the configuration pages (manual 7.16.1.4 "Device status").
enum class DeviceStatus : std::uint8_t {
  Off,                 ///< the device or its gateway is OFF: not polled
  On,                  ///< polled, answering
  CommunicationError,  ///< polled, N consecutive failures; probed with back-off
  /// its identification registers name another model than the configured one: not polled nor
  /// written; its identification is read again with back-off until it matches
  ConfigurationError,
};

enum class Quality : std::uint8_t {
  Good,   ///< read at `at` by the last successful poll of this value
  Stale,  ///< the last poll of this value failed: the value is the previous good one
};

struct Reading {
  double value = 0.0;
  Time at{};
  Quality quality = Quality::Good;
};

/// A consumption counter as history sees it: Wh for electricity, dm3 for water and gas.
struct Consumption {
  double total = 0.0;  ///< accumulated since the device was first read; never decreases
  Time at{};           ///< instant of the raw reading it reflects
  std::uint64_t corrections = 0;  ///< wraps, resets and replacements handled so far
};

/// A device's counter as a successor resumes it (the stack rebuilt after a configuration
/// change, or a restart from the site database).
struct CounterState {
  int deviceId = 0;
  std::optional<double> lastRaw;  ///< the last raw reading; empty: the next one is a baseline
  Consumption consumption;
};

class Measurements {
 public:
  DeviceStatus status(int deviceId) const;
  /// nullopt: never read.
  std::optional<Reading> latest(int deviceId, std::string_view quantity) const;
  /// The reading itself, nullptr when never read. Once it exists the pointer stays valid and
  /// shows every later poll (readings are updated in place, never erased): a consumer that
  /// reads the same quantities every second (the DLM) looks them up once.
  const Reading* reading(int deviceId, std::string_view quantity) const;
  /// nullopt: the device has no consumption counter or was never read.
  std::optional<Consumption> consumption(int deviceId) const;
  /// Quantities read so far for a device (name -> reading), for pages and Python. Built on
  /// demand (a copy, by value): the readings themselves live in a contiguous per-device table
  /// that the poller writes in place, so this is for occasional consumers, not a hot path.
  std::map<std::string, Reading, std::less<>> readings(int deviceId) const;

  // ---- written by the poller ----
  void setStatus(int deviceId, DeviceStatus status);
  void store(int deviceId, std::string_view quantity, double value, Time at);
  void markStale(int deviceId, std::string_view quantity);
  /// Feeds a raw counter reading (Wh or dm3 after scaling); `wrapAt` is the counter's range
  /// (e.g. 2^32 x 10 Wh for a u32 x 10 Wh register), 0 when unknown. Returns the event, if the
  /// reading was a wrap ("counter-wrap"), a reset ("counter-reset") or the first reading of a
  /// replaced meter ("meter-replaced"). The first reading ever is the baseline: the total
  /// counts from it (0 then), since nothing says what the meter held before the EWS saw it.
  /// Rules (docs/acquisition.md): raw >= last adds the difference; a drop of more than half
  /// the range (wrapAt > 0) is a wrap and adds wrapAt - last + raw; any other drop is a reset
  /// to zero (or a swapped meter) and adds raw, the energy since the reset.
  std::optional<recording::Event> feedCounter(int deviceId, double rawCounter, double wrapAt, Time at);
  /// The meter was replaced: the next raw reading starts a new segment, nothing is lost.
  void replaceMeter(int deviceId, Time at);

  /// Every counter, by device id ascending.
  std::vector<CounterState> counterStates() const;
  /// Continues counters saved by counterStates(): the next raw reading of each adds what
  /// flowed since its lastRaw (with the wrap and reset rules of feedCounter), so what a
  /// device counted while the EWS was stopped is counted once, in the first interval after.
  void restoreCounters(std::span<const CounterState> states);

  // ---- additions for the poller's hot path and its status handling ----
  /// store() that returns the stored reading. The reference stays valid for the lifetime of
  /// this object (readings are never erased), so a poller may keep it and update value, at
  /// and quality in place on later polls without looking the name up again.
  Reading& record(int deviceId, std::string_view quantity, double value, Time at);
  /// Every reading of the device turns Stale (it went to communication error).
  void markAllStale(int deviceId);
  /// Ids of every device the acquisition knows (status set or something read), ascending.
  std::vector<int> deviceIds() const;

 private:
  struct CounterTrack {
    std::optional<double> lastRaw;
    bool newSegment = false;  ///< replaceMeter was called: the next raw is a new baseline
    Time replacedAt{};        ///< when, for the event
    Consumption consumption;
  };
  struct DeviceState {
    DeviceStatus status = DeviceStatus::Off;
    /// The readings in the order first stored (a poll's blocks, in plan order): contiguous
    /// chunks, and references stay valid as readings are appended (record()'s guarantee).
    std::deque<Reading> values;
    std::vector<std::string> names;  ///< parallel to values
    std::map<std::string, std::size_t, std::less<>> slotOf;  ///< name -> index in values
    std::optional<CounterTrack> counter;

    const Reading* find(std::string_view quantity) const;
  };
  /// Hashed: every poll looks its device up (status, counter); nodes keep the states, and so
  /// the readings handed out, in place.
  std::unordered_map<int, DeviceState> devices_;
};

}  // namespace ews::acquisition
