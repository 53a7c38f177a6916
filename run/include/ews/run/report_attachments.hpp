#pragma once
// The files the automatic reports send (manual 8.6.3, docs/delivery.md), made by reports/export:
// the Summary or Detailed PDF of the month or year, or its data as reportdata.zip (the "csv"
// format: the manual's CSV files of the period, per hour, with costs).
#include "ews/delivery/delivery_service.hpp"

namespace ews::run {

/// delivery::ReportMaker over reports/export. Throws std::runtime_error naming a device of a
/// Detailed report that the configuration in force no longer has.
delivery::MailAttachment makeReportAttachment(const sitedb::Database& db, const sitedb::AutomaticReport& report,
                                              const delivery::ReportWindow& window);

}  // namespace ews::run
