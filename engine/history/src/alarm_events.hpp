#pragma once
// Turns the alarm bits the acquisition reads (alarm.flags of EMS CX3 modules and DPX3/DMX3
// breakers, docs/register-maps.md "Alarms") into events, when a bit goes up or down:
//
//   bit 0 up    "threshold"                  names the highest phase current, its value and
//   bit 0 down  "threshold-cleared"          alarm.limit.current
//   bit 1 up    "configuration-error"        the device's installation/configuration error
//   bit 1 down  "configuration-error-cleared"
//
// The raising kinds are those the alert settings (manual 8.6.4) send; the clearing ones only
// go to the events list. A bit already up at the first reading is raised then: an alarm in
// force when the acquisition starts is news to whoever reads the events.
#include <map>
#include <vector>

#include "ews/acquisition/measurements.hpp"
#include "ews/installation/installation.hpp"
#include "ews/recording/sample.hpp"

namespace ews::history::detail {

class AlarmEvents {
 public:
  /// The events of the devices whose alarm bits changed since the last call, as read at t.
  std::vector<recording::Event> check(Time t, const installation::Installation& installation,
                                      const acquisition::Measurements& measurements);

 private:
  std::map<int, unsigned> lastFlags_;  // by device id: the bits of the last Good reading
};

}  // namespace ews::history::detail
