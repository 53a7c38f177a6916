#include "ews/reports/trace_csv_writer.hpp"

#include <fmt/format.h>

#include "ews/installation/catalogue.hpp"
#include "ews/kernel/csv.hpp"

namespace ews::reports {

TraceCsvWriter::TraceCsvWriter(const std::string& path, CsvFormat format, const TimeZone& zone)
    : file_(path), format_(format), zone_(&zone) {
  const char s = format_.fieldSeparator;
  // Units in the header: Wh and W for electricity, dm3 and dm3/h for water and gas.
  file_.stream() << fmt::format("time_utc{0}time_local{0}device_id{0}device{0}medium{0}counter_Wh_or_dm3{0}"
                                "delta_Wh_or_dm3{0}average_W_or_dm3_per_h\n",
                                s);
}

void TraceCsvWriter::onSamples(Time t, std::span<const recording::DeviceSample> samples) {
  const char s = format_.fieldSeparator;
  const std::string utc = formatUtc(t);
  const std::string local = zone_->format(t, "%F %T%z");
  auto& out = file_.stream();
  for (const auto& sample : samples) {
    // Device names are user text ("Sockets; floor 1"); numbers with a decimal comma in a
    // comma-separated file: both quoted by the one CSV writer when they must be.
    out << csv::row({utc, local, std::to_string(sample.deviceId), *sample.deviceName,
                     installation::mediumName(sample.medium), format_.number(sample.counter),
                     format_.number(sample.delta), format_.number(sample.averageRate)},
                    s);
    ++rows_;
  }
}

void TraceCsvWriter::close() { file_.commit(); }

}  // namespace ews::reports
