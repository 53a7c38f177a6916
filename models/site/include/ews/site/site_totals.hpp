#pragma once
// Consumption totals of a site as the consumption pages add them up (manual 7.16.1.4, 8.2.2):
// a device marked "Exclude from totals" (or inactive) appears only on its own, never in the
// Grand Total nor in the per-load and per-group partials.
#include <map>
#include <string>
#include <vector>

#include "ews/installation/installation.hpp"

namespace ews::site {

struct NamedTotal {
  int id;
  std::string name;
  double value;  ///< Wh for loads, groups and electricity; dm3 for water and gas
};

struct SiteTotals {
  double electricityWh = 0.0;          ///< Grand Total of all electrical loads
  double waterDm3 = 0.0;
  double gasDm3 = 0.0;
  std::vector<NamedTotal> loadsWh;     ///< every electrical load with a counted device, by id
  std::vector<NamedTotal> groupsWh;    ///< every group with at least one counted device, by id
};

/// `counters`: cumulative quantity per device id (devices absent from the map count zero).
SiteTotals computeTotals(const installation::Installation& installation, const std::map<int, double>& counters);

}  // namespace ews::site
