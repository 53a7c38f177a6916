#pragma once
// One run of the connector (manual 7.12): read the settings of the site database, connect
// (host key checked, trust on first use), send the CSV tree by SFTP or SCP, and log the start,
// the end and any failure as "connector" events (the Log page). Used by the scheduler
// (run::ConnectorTask), the page's "Send now" and `ews connector send`.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "ews/connector/ssh_link.hpp"
#include "ews/connector/transfer.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::connector {

/// The kind of the events the connector writes (its Log page lists them).
inline constexpr std::string_view kEventKind = "connector";

struct SendRequest {
  std::string trigger = "schedule";  ///< "schedule", "send now", "schedule, retry 2": for the log
  std::string author;                ///< who asked ("" for the box's own schedule)
  Duration timeout = seconds(20);    ///< to connect and for each answer of the server
};

struct SendOutcome {
  enum class Status { Sent, Off, Failed };
  Status status = Status::Failed;
  std::string message;  ///< the last log line written
  std::optional<TransferError::Kind> failure;
  TransferSummary summary;
};

/// Sends the CSV tree of `dataDir` (its `csv` folder) as the connector settings stored in `db`
/// say, at local time now in `zone` (the destination's keywords). Never throws for a failed
/// transfer: the outcome and the log say why. `db` must be a read-write connection of this
/// thread. Touches nothing under `dataDir` but a temporary zip (SCP) it removes.
SendOutcome sendCsvTree(const sitedb::Database& db, const std::filesystem::path& dataDir, Time now,
                        const TimeZone& zone, const SendRequest& request);

}  // namespace ews::connector
