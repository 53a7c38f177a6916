#pragma once
// Turns the answers of one device's poll into Measurements: each field's value under its
// quantity name (without the device's prefix), and the consumption counter once a poll has
// read every block. Keeps a pointer to each stored reading, so a poll costs one decode and
// one store per field, with no name lookup after the first poll.
#include <optional>
#include <span>
#include <vector>

#include "ews/acquisition/measurements.hpp"
#include "ews/acquisition/poll_plan.hpp"

namespace ews::acquisition {

class DeviceDecoder {
 public:
  explicit DeviceDecoder(const DevicePlan& plan);

  /// Stores the values of plan.blocks[blockIndex] from `buffer` (its answer), Good at `at`.
  void decodeBlock(std::size_t blockIndex, std::span<const std::uint16_t> buffer, Measurements& measurements,
                   Time at);
  /// The blocks from `blockIndex` on were not read by this poll: their values turn Stale.
  void markStaleFrom(std::size_t blockIndex);
  /// After a poll that read every block: feeds the consumption counter from this poll's values.
  std::optional<recording::Event> feedCounter(Measurements& measurements, Time at) const;

 private:
  /// One field of a block, resolved once: where its words are in the block's answer.
  struct Step {
    profiles::FieldCodec codec;
    std::uint32_t offset;  ///< in the answer buffer
    std::uint32_t slot;
  };
  const DevicePlan* plan_;
  std::vector<std::vector<Step>> steps_;  ///< per block
  std::vector<Reading*> readings_;  ///< per slot; null until first stored
  std::vector<double> values_;      ///< per slot: this poll's values
};

}  // namespace ews::acquisition
