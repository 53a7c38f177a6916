#pragma once
// A simulated device as a Modbus server sees it: it answers one request at a simulated
// instant, from its register map (models/profiles/) and its physical state. SimLink (virtual
// time) and the twin's Modbus TCP server (wall clock) both serve requests through this.
//
// One SimDevice answers one unit id on its line. Devices that share an address in the EWS
// configuration — pulse counters behind a concentrator (address-position), the two sides of
// an old-range station (address-side), EMS CX3 modules behind an interface in remote
// addressing (module-interface) — are served by the one SimDevice that owns that unit id.
#include "ews/kernel/time.hpp"
#include "ews/link/link.hpp"

namespace ews::models {

class SimDevice {
 public:
  virtual ~SimDevice() = default;
  /// Serves `request` at simulated time t. Reads fill request.readBuffer[0, count); writes
  /// change the device (a command, a setpoint). Returns ExceptionCode::None, or the exception
  /// the device answers (unknown register: IllegalDataAddress; read-only register written:
  /// IllegalDataAddress; out-of-range value: IllegalDataValue; function not served:
  /// IllegalFunction). The request has already passed link::validateRequest.
  virtual link::ExceptionCode serve(const link::Request& request, Time t) = 0;
  /// Processing time between the end of the request frame and the start of the answer.
  virtual Duration turnaround() const = 0;
};

}  // namespace ews::models
