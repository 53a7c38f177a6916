#pragma once
// Helpers for the simulated devices' tests: a site from scenario text, whole-profile reads
// through a SimLink (planned and decoded as the acquisition will), writes of one field.
#include <map>
#include <memory>
#include <string>

#include "ews/devices/breaker_status.hpp"
#include "ews/profiles/register_map.hpp"
#include "ews/site/simulated_site.hpp"

namespace ews::devices::test {

/// A simulated site from a scenario text.
std::unique_ptr<site::SimulatedSite> siteFrom(const std::string& yaml);

/// Everything a device shows, read through its gateway's link at the engine's now: every
/// readable field of its profile, by name (with the device's prefix, e.g. "position.2.",
/// removed). Fails the test on any link error.
std::map<std::string, double> readAll(site::SimulatedSite& site, const std::string& deviceName);

/// Writes one field of the device's profile (name without the device's prefix) through the
/// link at the engine's now; returns the link's result.
link::Result writeField(site::SimulatedSite& site, const std::string& deviceName, const std::string& field,
                        double value);

/// The breaker status of a breaker or of an EMS CX3 state module, to schedule its events.
BreakerStatus& breakerStatusOf(site::SimulatedSite& site, const std::string& deviceName);

/// Runs the site's engine to now + span.
void runFor(site::SimulatedSite& site, Duration span);

}  // namespace ews::devices::test
