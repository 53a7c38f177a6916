#pragma once
// Modbus TCP application data units (MBAP header + PDU, Modbus Messaging on TCP/IP
// Implementation Guide v1.0b) on the server side: cutting a received byte stream into requests,
// decoding a request into a link::Request, encoding the normal or the exception response.
// Pure functions on caller-owned buffers: no I/O, no allocation, testable without sockets.
#include <cstddef>
#include <cstdint>
#include <span>

#include "ews/link/link.hpp"

namespace ews::live::tcpframe {

inline constexpr std::size_t kHeaderBytes = 7;    ///< transaction id, protocol id, length, unit id
inline constexpr std::size_t kMaxPduBytes = 253;  ///< function code + data (serial-line limit)
inline constexpr std::size_t kMaxAduBytes = kHeaderBytes + kMaxPduBytes;  ///< 260
/// Scratch a decoded request may need: the largest read (2000 bits) or write (1968 bits).
inline constexpr std::size_t kMaxValues = link::kMaxReadBits;

enum class Framing {
  Incomplete,  ///< the first frame has not fully arrived yet
  Complete,    ///< the first `aduBytes` bytes are one request
  Invalid,     ///< not Modbus TCP (protocol id != 0 or impossible length): the stream cannot be resynchronised
};

struct FrameScan {
  Framing framing = Framing::Incomplete;
  std::size_t aduBytes = 0;  ///< set when Complete
};

/// Looks at the front of a received byte stream. Checks the header fields as soon as they are
/// there, so garbage is rejected without waiting for more bytes.
FrameScan scanFrame(std::span<const std::uint8_t> received);

struct DecodedRequest {
  /// The request with writeValues / readBuffer pointing into the scratch buffers. Its unitId is
  /// the MBAP unit id as received (0..255).
  link::Request request;
  /// None when the request is valid; otherwise the exception to answer, without calling a handler
  /// (unknown function: IllegalFunction; bad count, byte count, length or coil value:
  /// IllegalDataValue; registers past 0xFFFF: IllegalDataAddress).
  link::ExceptionCode error = link::ExceptionCode::None;
};

/// Decodes one complete ADU (as delimited by scanFrame). Written values are unpacked into
/// `writeScratch` (coils as one uint16 0/1 each); readBuffer is readScratch[0, count).
/// Both scratches hold kMaxValues.
DecodedRequest decodeRequest(std::span<const std::uint8_t> adu, std::span<std::uint16_t, kMaxValues> writeScratch,
                             std::span<std::uint16_t, kMaxValues> readScratch);

/// Encodes the normal response to `adu`, whose decoding is `request`: read values come from
/// request.readBuffer (bits: any non-zero value is 1), writes echo address and value or count.
/// Returns the response's length in bytes.
std::size_t encodeResponse(std::span<const std::uint8_t> adu, const link::Request& request,
                           std::span<std::uint8_t, kMaxAduBytes> out);

/// Encodes the exception response `code` to `adu`. Returns its length in bytes (9).
std::size_t encodeException(std::span<const std::uint8_t> adu, link::ExceptionCode code,
                            std::span<std::uint8_t, kMaxAduBytes> out);

}  // namespace ews::live::tcpframe
