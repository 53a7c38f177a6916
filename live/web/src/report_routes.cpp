// The Reports & data download page's routes (manual 8.5, docs/api.md "Reports"): the site's
// lists, reportdata.zip streamed as it is made (with its progress), and the PDF reports, all
// made by reports/export from read-only connections to the site database.
#include <Poco/JSON/Array.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <fmt/format.h>

#include <charconv>
#include <map>
#include <mutex>
#include <sstream>

#include "ews/export/report_data.hpp"
#include "ews/export/report_pdf.hpp"
#include "ews/sitedb/field_error.hpp"
#include "history_connections.hpp"
#include "web_state.hpp"

namespace ews::web::detail {

namespace {
using exporting::SiteSubject;

/// A bad value of the request as the API refuses it: 422 naming the field.
ApiError invalidField(const sitedb::FieldError& error) { return ApiError(422, "invalid", error.reason(), error.field()); }

bool isGreenUpUser(const ApiRequest& request) {
  return request.session && request.session->pages.has(sitedb::Page::GreenUp);
}

std::string queryOr(const ApiRequest& request, const std::string& name, const std::string& fallback) {
  const auto found = request.query.find(name);
  return found == request.query.end() ? fallback : found->second;
}

std::string requiredQuery(const ApiRequest& request, const std::string& name) {
  const auto found = request.query.find(name);
  if (found == request.query.end() || found->second.empty()) {
    throw ApiError(422, "invalid", fmt::format("'{}' is required", name), name);
  }
  return found->second;
}

/// "1,4,12" -> {1, 4, 12}; "" -> {} (all).
std::vector<int> idsOf(const std::string& text, const std::string& field) {
  std::vector<int> ids;
  std::size_t position = 0;
  while (position < text.size()) {
    const std::size_t comma = std::min(text.find(',', position), text.size());
    int id = 0;
    const auto [end, error] = std::from_chars(text.data() + position, text.data() + comma, id);
    if (error != std::errc() || end != text.data() + comma || id <= 0) {
      throw ApiError(422, "invalid", fmt::format("'{}' is not a list of ids (1,4,12)", text), field);
    }
    ids.push_back(id);
    position = comma + 1;
  }
  return ids;
}

Poco::JSON::Array::Ptr idsJson(const std::vector<int>& ids) {
  Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
  for (const int id : ids) array->add(id);
  return array;
}

Poco::JSON::Array::Ptr subjectsJson(const std::vector<SiteSubject>& list, bool stations) {
  Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
  for (const auto& subject : list) {
    if (subject.station && !stations) continue;
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
    item->set("id", subject.key.id);
    item->set("name", subject.name);
    item->set("medium", std::string(installation::mediumName(subject.medium)));
    if (subject.key.kind == history::SeriesKind::Device) {
      item->set("address", subject.address);
      item->set("virtual", subject.virtualDevice);
      item->set("station", subject.station);
      item->set("load", subject.loadId);
      item->set("groups", idsJson(subject.groupIds));
    }
    array->add(item);
  }
  return array;
}

/// GET /api/v1/reports/site: what the page lists and offers.
Poco::JSON::Object::Ptr siteJson(const ConsumptionSite& site, const sitedb::Database& db, bool stations) {
  Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
  answer->set("timeZone", site.zone.name());
  answer->set("currency", site.currency);
  answer->set("language", site.language);
  if (const auto last = db.metaTime("last_sample_us")) {
    answer->set("latestDate", site.zone.format(*last - microseconds(1), "%F"));
  } else {
    answer->set("latestDate", Poco::Dynamic::Var());
  }
  answer->set("devices", subjectsJson(site.devices, stations));
  answer->set("groups", subjectsJson(site.groups, true));
  answer->set("loads", subjectsJson(site.loads, true));
  answer->set("maxDays", exporting::kMaxDownloadDays);
  return answer;
}

exporting::DataDownloadRequest downloadRequestOf(const ApiRequest& request) {
  exporting::DataDownloadRequest download;
  try {
    download.list = exporting::parseDataList(queryOr(request, "list", "devices"), "list");
    download.first = exporting::parseLocalDate(requiredQuery(request, "first"), "first");
    download.last = exporting::parseLocalDate(requiredQuery(request, "last"), "last");
    download.step = exporting::parseDataStep(queryOr(request, "step", "15min"), "step");
  } catch (const sitedb::FieldError& error) {
    throw invalidField(error);
  }
  download.ids = idsOf(queryOr(request, "ids", ""), "ids");
  const std::string costs = queryOr(request, "costs", "0");
  if (costs != "0" && costs != "1") throw ApiError(422, "invalid", fmt::format("'{}' is neither 0 nor 1", costs), "costs");
  download.costs = costs == "1";
  download.withStations = isGreenUpUser(request);
  return download;
}

/// The downloads in progress, by the token the page chose (with the user, so one user never
/// reads another's): rows written and rows in all.
class DownloadProgress {
 public:
  struct Rows {
    std::uint64_t done = 0;
    std::uint64_t total = 0;
    bool finished = false;
  };
  static constexpr std::size_t kCapacity = 64;

  void set(const std::string& key, Rows rows) {
    const std::lock_guard lock(mutex_);
    if (rows_.size() >= kCapacity && !rows_.contains(key)) rows_.erase(rows_.begin());
    rows_[key] = rows;
  }
  std::optional<Rows> get(const std::string& key) const {
    const std::lock_guard lock(mutex_);
    const auto found = rows_.find(key);
    if (found == rows_.end()) return std::nullopt;
    return found->second;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Rows> rows_;
};

DownloadProgress& progressTable() {
  static DownloadProgress table;
  return table;
}

std::string progressKey(const ApiRequest& request, const std::string& token) {
  return (request.session ? request.session->user : std::string()) + "\n" + token;
}

/// The token of ?progress= : up to 64 letters, digits, '-' or '_'; empty: no progress kept.
std::string progressToken(const ApiRequest& request) {
  const std::string token = queryOr(request, "progress", "");
  if (token.size() > 64 || token.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") !=
                               std::string::npos) {
    throw ApiError(422, "invalid", "a progress token has up to 64 letters, digits, '-' or '_'", "progress");
  }
  return token;
}

exporting::DeviceSelection selectionOf(const ApiRequest& request) {
  exporting::DeviceSelection selection;
  const std::string filter = queryOr(request, "filter", "all");
  if (filter != "all") {
    const bool group = filter.starts_with("group-");
    if (!group && !filter.starts_with("load-")) {
      throw ApiError(422, "invalid", fmt::format("'{}' is none of all, group-ID, load-ID", filter), "filter");
    }
    const auto ids = idsOf(filter.substr(filter.find('-') + 1), "filter");
    if (ids.size() != 1) throw ApiError(422, "invalid", fmt::format("'{}' names no single group or load", filter), "filter");
    selection.filter = group ? exporting::DeviceSelection::Filter::Group : exporting::DeviceSelection::Filter::Load;
    selection.filterId = ids.front();
  }
  selection.deviceIds = idsOf(queryOr(request, "devices", ""), "devices");
  selection.withStations = isGreenUpUser(request);
  return selection;
}
}  // namespace

void addReportRoutes(WebState& state) {
  const Right right = Right::pageRight(sitedb::Page::ReportsDataDownload);
  HistoryConnections& connections = *state.historyConnections;
  state.router.add({"GET", "/api/v1/reports/site", right, [&connections](const ApiRequest& request, ApiReply& reply) {
                      const HistoryConnections::Lease connection = connections.lease();
                      reply.setJson(siteJson(*connections.site(connection->db), connection->db, isGreenUpUser(request)));
                    }, {}});

  // reportdata.zip, streamed: checked first (a 4xx before any byte), then written into the
  // chunked response as it is read from the database.
  state.router.add({"GET", "/api/v1/reports/download", right, {}, [&connections](const ApiRequest& request,
                                                                                  Poco::Net::HTTPServerResponse& response) {
                      const exporting::DataDownloadRequest download = downloadRequestOf(request);
                      const std::string token = progressToken(request);
                      const HistoryConnections::Lease connection = connections.lease();
                      try {
                        exporting::selectedSubjects(*connections.site(connection->db), download);
                      } catch (const sitedb::FieldError& error) {
                        throw invalidField(error);
                      }
                      const std::string key = progressKey(request, token);
                      response.setContentType("application/zip");
                      response.set("Content-Disposition",
                                   fmt::format("attachment; filename=\"{}\"", exporting::kReportDataZipName));
                      response.setChunkedTransferEncoding(true);
                      std::ostream& out = response.send();
                      exporting::writeReportDataZip(connection->db, download, out,
                                                    [&](std::uint64_t done, std::uint64_t total) {
                                                      if (!token.empty()) progressTable().set(key, {done, total, false});
                                                    });
                      if (!token.empty()) {
                        const auto rows = progressTable().get(key).value_or(DownloadProgress::Rows{});
                        progressTable().set(key, {rows.total, rows.total, true});
                      }
                    }});
  state.router.add({"GET", "/api/v1/reports/download/progress/{token}", right,
                    [](const ApiRequest& request, ApiReply& reply) {
                      const auto rows = progressTable().get(progressKey(request, request.params.at("token")));
                      if (!rows) throw ApiError(404, "not-found", "no download with this progress token");
                      Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
                      answer->set("rowsDone", rows->done);
                      answer->set("rowsTotal", rows->total);
                      answer->set("finished", rows->finished);
                      reply.setJson(answer);
                    }, {}});

  // A PDF report (a few hundred kB at most): made whole, then sent.
  state.router.add({"GET", "/api/v1/reports/pdf", right, [&connections](const ApiRequest& request, ApiReply& reply) {
                      const std::string type = queryOr(request, "type", "summary");
                      if (type != "summary" && type != "detailed") {
                        throw ApiError(422, "invalid", fmt::format("'{}' is none of summary, detailed", type), "type");
                      }
                      const HistoryConnections::Lease connection = connections.lease();
                      std::ostringstream pdf;
                      try {
                        const auto period = exporting::ReportPeriod::parse(requiredQuery(request, "period"), "period");
                        const exporting::PdfOptions options{queryOr(request, "language", "")};
                        const bool detailed = type == "detailed";
                        if (detailed) {
                          exporting::writeDetailedPdf(connection->db, period, selectionOf(request), pdf, options);
                        } else {
                          exporting::writeSummaryPdf(connection->db, period, pdf, options);
                        }
                        reply.headers.emplace_back(
                            "Content-Disposition",
                            fmt::format("attachment; filename=\"{}\"",
                                        exporting::reportFileName(detailed ? exporting::ReportKind::Detailed
                                                                           : exporting::ReportKind::Summary,
                                                                  period)));
                      } catch (const sitedb::FieldError& error) {
                        throw invalidField(error);
                      }
                      reply.body = pdf.str();
                      reply.contentType = "application/pdf";
                    }, {}});
}

}  // namespace ews::web::detail
