#pragma once
// Helpers shared by the SimLink tests: a hand-driven clock, request builders, and the RTU line
// time written out again from the formula (independently of rs485_timing.hpp), so the tests
// check the library against the formula rather than against itself.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "ews/kernel/rng.hpp"
#include "ews/kernel/time.hpp"
#include "ews/link/link.hpp"
#include "ews/simlink/sim_link.hpp"

namespace ews::simlink::test {

/// 2026-01-05T00:00:00Z.
inline constexpr Time kT0 = timeFromMicros(1'767'571'200'000'000);

/// The "engine clock" of a test: a time the test moves by hand.
struct ManualClock {
  Time now = kT0;
  std::function<Time()> source() {
    return [this] { return now; };
  }
};

/// A read of `count` holding registers with its own buffer.
struct ReadRegisters {
  std::array<std::uint16_t, link::kMaxReadRegisters> buffer{};
  link::Request request;
  explicit ReadRegisters(std::uint8_t unitId, std::uint16_t count = 2, std::uint16_t address = 0) {
    request = {.unitId = unitId,
               .function = link::Function::ReadHoldingRegisters,
               .address = address,
               .count = count,
               .writeValues = {},
               .readBuffer = std::span<std::uint16_t>(buffer)};
  }
};

// ---- The formula, written independently ----------------------------------------------------

constexpr std::int64_t ceilDiv(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

/// One character on the wire: start + 8 data + parity? + stop bits.
constexpr int characterBits(bool parity, int stopBits) { return 1 + 8 + (parity ? 1 : 0) + stopBits; }

constexpr std::int64_t frameMicros(int bytes, int baud, int bits = 11) {
  return ceilDiv(std::int64_t{bytes} * bits * 1'000'000, baud);
}

/// t3.5: 3.5 characters up to 19200 baud, 1.75 ms above.
constexpr std::int64_t silenceMicros(int baud, int bits = 11) {
  return baud > 19200 ? 1750 : ceilDiv(35LL * bits * 1'000'000, 10LL * baud);
}

/// Read of `registers` holding registers answered after `turnaroundMicros`: (8 + 5 + 2N)
/// characters, two t3.5 silences and the turnaround.
constexpr std::int64_t pollMicros(int registers, int baud, std::int64_t turnaroundMicros, int bits = 11) {
  return frameMicros(8, baud, bits) + silenceMicros(baud, bits) + turnaroundMicros +
         frameMicros(5 + 2 * registers, baud, bits) + silenceMicros(baud, bits);
}

inline std::unique_ptr<SimLink> makeLink(ManualClock& clock, LineSettings line = {}, std::uint64_t seed = 1,
                                         std::string name = "Local", Duration adapterLatency = kLocalPortLatency) {
  RngStream rng(seed, "simlink/" + name);
  return std::make_unique<SimLink>(std::move(name), line, clock.source(), rng, adapterLatency);
}

}  // namespace ews::simlink::test
