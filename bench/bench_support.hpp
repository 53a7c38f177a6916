#pragma once
// Small helpers shared by the benchmark files.
#include <benchmark/benchmark.h>
#include <modbus.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

#include "ews/installation/installation.hpp"

namespace ews::bench {

/// Every device id of the installation, to put them all in the poller's fast class.
inline std::vector<int> deviceIdsOf(const installation::Installation& installation) {
  std::vector<int> ids;
  for (const installation::Device* device : installation.devices()) ids.push_back(device->id);
  return ids;
}

/// The reference the live benches compare the stack with: one thread per loopback port, each
/// with its own blocking libmodbus context, calling `pollOnce(ctx, line, d)` for d = 0, 1, ...
/// cycling over `devicesPerLine[line]` for `window` of wall time. Sets the "polls_per_s"
/// counter to the polls that returned true, per second, over every iteration.
inline void benchBareLibmodbus(benchmark::State& state, const std::vector<int>& ports,
                               const std::vector<std::size_t>& devicesPerLine, std::chrono::seconds window,
                               const std::function<bool(modbus_t*, std::size_t, std::size_t)>& pollOnce) {
  std::uint64_t polls = 0;
  double elapsedS = 0;
  for (auto _ : state) {
    std::atomic<std::uint64_t> done{0};
    std::vector<std::thread> threads;
    for (std::size_t line = 0; line < ports.size(); ++line) {
      if (devicesPerLine[line] == 0) continue;
      threads.emplace_back([&, line] {
        modbus_t* ctx = modbus_new_tcp("127.0.0.1", ports[line]);
        if (ctx == nullptr || modbus_connect(ctx) != 0) return;
        const auto end = std::chrono::steady_clock::now() + window;
        std::uint64_t local = 0;
        for (std::size_t d = 0; std::chrono::steady_clock::now() < end; d = (d + 1) % devicesPerLine[line]) {
          if (pollOnce(ctx, line, d)) ++local;
        }
        done += local;
        modbus_close(ctx);
        modbus_free(ctx);
      });
    }
    for (auto& thread : threads) thread.join();
    polls += done.load();
    elapsedS += std::chrono::duration<double>(window).count();
  }
  state.counters["polls_per_s"] = static_cast<double>(polls) / elapsedS;
}

}  // namespace ews::bench
