#pragma once
// Which CSV files reportdata.zip holds and their columns (manual 8.5.1): for devices and groups
// one file per energy (report_energy_devices_electricity.csv, ..._gas, ..._water), for loads
// one file (report_energy_loads.csv: the Water and Gas loads in dm3 beside the electrical ones
// in Wh), each with its _cost twin when costs are asked for and the energy has tariffs.
#include <string>
#include <vector>

#include "ews/export/report_data.hpp"

namespace ews::exporting::detail {

struct DataColumn {
  std::string header;  ///< "12 Main meter (Wh)", "Lighting [Peak] (EUR)"
  history::SeriesKey series;
  GapRule rule = GapRule::DeviceRows;
  int decimals = 3;  ///< 3 for Wh and dm3, 6 for a currency (the CSV tree's)
};

struct DataFile {
  std::string name;
  std::vector<DataColumn> columns;
};

/// The files of `subjects` (all of `list`), in the manual's order; files without a column are
/// left out.
std::vector<DataFile> planDataFiles(const ReportSite& site, DataList list, const std::vector<SiteSubject>& subjects,
                                    bool costs);

}  // namespace ews::exporting::detail
