#pragma once
// A test SimDevice: a plain array of registers and one of bits, a configurable turnaround,
// and a record of every instant it served a request (to check when the link delivers).
#include <algorithm>
#include <cstdint>
#include <vector>

#include "ews/models/sim_device.hpp"

namespace ews::simlink::test {

class RegisterDevice final : public models::SimDevice {
 public:
  explicit RegisterDevice(Duration turnaround = milliseconds(5), std::size_t size = 256)
      : registers(size), bits(size), turnaround_(turnaround) {
    for (std::size_t i = 0; i < size; ++i) registers[i] = static_cast<std::uint16_t>(1000 + i);
  }

  link::ExceptionCode serve(const link::Request& request, Time t) override {
    serveTimes.push_back(t);
    std::vector<std::uint16_t>& table = link::isBitFunction(request.function) ? bits : registers;
    if (static_cast<std::size_t>(request.address) + request.count > table.size()) {
      return link::ExceptionCode::IllegalDataAddress;
    }
    const auto first = table.begin() + request.address;
    if (link::isRead(request.function)) {
      std::copy_n(first, request.count, request.readBuffer.begin());
    } else {
      std::copy_n(request.writeValues.begin(), request.count, first);
    }
    return link::ExceptionCode::None;
  }
  Duration turnaround() const override { return turnaround_; }

  std::vector<std::uint16_t> registers;
  std::vector<std::uint16_t> bits;  ///< coils and discrete inputs, one value (0/1) per bit
  std::vector<Time> serveTimes;

 private:
  Duration turnaround_;
};

}  // namespace ews::simlink::test
