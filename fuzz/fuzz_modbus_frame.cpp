// libFuzzer target: a Modbus TCP byte stream as a client sends it to the twin's gateways or to
// the Master/Slave server: frames cut out of it one after the other (as TcpConnection does),
// each decoded, validated, read from a register bank or written to it, and answered.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "ews/live/modbus_tcp_frame.hpp"

namespace tf = ews::live::tcpframe;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::array<std::uint16_t, 0x10000> bank{};  // one unit's 64 Ki registers
  std::array<std::uint16_t, tf::kMaxValues> writeScratch{};
  std::array<std::uint16_t, tf::kMaxValues> readScratch{};
  std::array<std::uint8_t, tf::kMaxAduBytes> response{};
  std::span<const std::uint8_t> stream(data, size);
  while (!stream.empty()) {
    const tf::FrameScan scan = tf::scanFrame(stream);
    if (scan.framing != tf::Framing::Complete) break;  // invalid: the connection closes; incomplete: waits
    const auto adu = stream.first(scan.aduBytes);
    const tf::DecodedRequest decoded = tf::decodeRequest(adu, writeScratch, readScratch);
    if (decoded.error != ews::link::ExceptionCode::None) {
      (void)tf::encodeException(adu, decoded.error, response);
    } else {
      const auto& request = decoded.request;
      for (std::size_t i = 0; i < request.readBuffer.size(); ++i) {
        request.readBuffer[i] = bank[(request.address + i) & 0xFFFF];
      }
      for (std::size_t i = 0; i < request.writeValues.size(); ++i) {
        bank[(request.address + i) & 0xFFFF] = request.writeValues[i];
      }
      (void)tf::encodeResponse(adu, request, response);
    }
    stream = stream.subspan(scan.aduBytes);
  }
  return 0;
}
