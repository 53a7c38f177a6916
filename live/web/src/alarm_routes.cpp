// The alarms page (manual 8.7, docs/api.md): the site database's events but the audit trail,
// newest first, filtered and paged, each with its device's name, gateway and address as the
// configuration in force names them, and the site's time zone to show their local times.
#include <Poco/JSON/Array.h>
#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "ews/sitedb/event_query.hpp"
#include "web_state.hpp"

namespace ews::web::detail {

namespace {
/// The audit trail of what people changed (configuration, settings, users) is not an alarm of
/// the installation: it stays in the events table, off this page (docs/pages.md).
const std::vector<std::string> kAuditKinds = {"config", "settings", "user"};
constexpr std::int64_t kDefaultPageSize = 50;
constexpr std::int64_t kMaxPageSize = 200;

std::optional<std::int64_t> integerQuery(const ApiRequest& request, const std::string& name, std::int64_t min,
                                         std::int64_t max) {
  const auto found = request.query.find(name);
  if (found == request.query.end() || found->second.empty()) return std::nullopt;
  const std::string& text = found->second;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    throw ApiError(422, "invalid", fmt::format("{} must be a whole number from {} to {}, not '{}'", name, min, max, text), name);
  }
  return value;
}

/// "2026-01-05T10:20:00Z" (the API's times, docs/api.md) as a Time.
std::optional<Time> timeQuery(const ApiRequest& request, const std::string& name) {
  using namespace std::chrono;
  const auto found = request.query.find(name);
  if (found == request.query.end() || found->second.empty()) return std::nullopt;
  int y = 0, mo = 0, d = 0, h = -1, mi = -1, s = -1, used = 0;
  const std::string& text = found->second;
  const bool parsed = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) == 6;
  // The rest: "Z", or the fraction the API's own times carry (".000000Z"), which is dropped.
  const std::string rest = parsed ? text.substr(static_cast<std::size_t>(used)) : std::string();
  const bool zulu = rest == "Z" || (rest.size() > 2 && rest.front() == '.' && rest.back() == 'Z' &&
                                    rest.find_first_not_of("0123456789", 1) == rest.size() - 1);
  const year_month_day date{year{y}, month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!parsed || !zulu || !date.ok() || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) {
    throw ApiError(422, "invalid", fmt::format("{} must be a UTC time like 2026-01-05T10:20:00Z, not '{}'", name, found->second),
                   name);
  }
  return Time{duration_cast<Duration>(sys_days{date}.time_since_epoch() + hours(h) + minutes(mi) + seconds(s))};
}
/// The page's own read connections: in WAL mode they read while the engine writes and while
/// the other routes use the shared connection, so as many alarm pages are read at once as there
/// are connections (one per core is enough: a query is CPU-bound). Each keeps its counts.
class AlarmReaders {
 public:
  struct Reader {
    explicit Reader(const std::filesystem::path& database) : db(database, sitedb::Database::Mode::ReadOnly) {}
    sitedb::Database db;
    sitedb::EventCounts counts;
    sitedb::EventAnchors anchors;  // keyset paging of the deep pages
  };

  AlarmReaders(std::filesystem::path database, std::size_t count) : database_(std::move(database)), left_(count) {}

  /// Runs `use(reader)` on a free reader, opened on first need; waits while all are busy.
  template <typename Use>
  void with(Use&& use) {
    std::unique_ptr<Reader> reader;
    {
      std::unique_lock lock(mutex_);
      freed_.wait(lock, [this] { return !free_.empty() || left_ > 0; });
      if (!free_.empty()) {
        reader = std::move(free_.back());
        free_.pop_back();
      } else {
        --left_;
      }
    }
    try {
      if (!reader) reader = std::make_unique<Reader>(database_);
      use(*reader);
    } catch (...) {
      giveBack(std::move(reader));
      throw;
    }
    giveBack(std::move(reader));
  }

 private:
  void giveBack(std::unique_ptr<Reader> reader) {
    {
      const std::lock_guard lock(mutex_);
      if (reader) {
        free_.push_back(std::move(reader));
      } else {
        ++left_;  // it could not be opened: another request may try again
      }
    }
    freed_.notify_one();
  }

  std::filesystem::path database_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Reader>> free_;
  std::size_t left_;  ///< readers not opened yet
};
}  // namespace

void addAlarmRoutes(WebState& state) {
  auto readers = std::make_shared<AlarmReaders>(state.db.path(), std::max(2u, std::thread::hardware_concurrency()));
  state.router.add({"GET", "/api/v1/alarms", Right::pageRight(sitedb::Page::ReportsAlarms),
                    [&state, readers](const ApiRequest& request, ApiReply& reply) {
                      sitedb::EventFilter filter;
                      filter.excludedKinds = kAuditKinds;
                      filter.from = timeQuery(request, "from");
                      filter.to = timeQuery(request, "to");
                      if (const auto device = integerQuery(request, "device", 0, 1 << 20)) filter.deviceId = static_cast<int>(*device);
                      if (const auto kind = request.query.find("kind"); kind != request.query.end() && !kind->second.empty()) {
                        filter.kind = kind->second;
                      }
                      const std::int64_t page = integerQuery(request, "page", 1, 1 << 30).value_or(1);
                      const std::int64_t size = integerQuery(request, "pageSize", 1, kMaxPageSize).value_or(kDefaultPageSize);
                      sitedb::EventPage events;
                      std::vector<std::string> kinds;
                      readers->with([&](AlarmReaders::Reader& reader) {
                        events = sitedb::readEventPage(reader.db, filter, (page - 1) * size, size, reader.counts, &reader.anchors);
                        kinds = reader.counts.kinds(reader.db, kAuditKinds);
                      });
                      const auto snapshot = state.board.latest();
                      Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
                      answer->set("total", events.total);
                      answer->set("page", page);
                      answer->set("pageSize", size);
                      answer->set("timeZone", state.site.timeZone);
                      Poco::JSON::Array::Ptr kindList = new Poco::JSON::Array;
                      for (const auto& kind : kinds) kindList->add(kind);
                      answer->set("kinds", kindList);
                      Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
                      for (const auto& stored : events.events) {
                        Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
                        row->set("at", formatUtc(stored.event.at));
                        row->set("deviceId", stored.event.deviceId);
                        row->set("kind", stored.event.kind);
                        row->set("detail", stored.event.detail);
                        // A device of an older configuration keeps its id only: names come from the one in force.
                        if (snapshot) {
                          for (const auto& device : snapshot->devices) {
                            if (device.id != stored.event.deviceId) continue;
                            row->set("device", device.name);
                            row->set("gateway", device.gatewayName);
                            row->set("address", device.addressLabel);
                          }
                        }
                        rows->add(row);
                      }
                      answer->set("rows", rows);
                      reply.setJson(answer);
                    }, {}});
}

}  // namespace ews::web::detail
