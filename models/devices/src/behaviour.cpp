#include "ews/devices/behaviour.hpp"

namespace ews::devices {

link::ExceptionCode Behaviour::write(std::uint32_t, double, Time) { return link::ExceptionCode::IllegalDataAddress; }

}  // namespace ews::devices
