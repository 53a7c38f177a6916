// System information (manual 8.8; docs/backup.md, "System information") and its Optimize button,
// and the software version (7.10), under the Web Server configuration page right.
#include <unistd.h>

#include <Poco/JSON/Object.h>

#include "ews/sitedb/system_info.hpp"
#include "web_state.hpp"

namespace ews::web::detail {

namespace {
Poco::JSON::Object::Ptr healthJson(const sitedb::DatabaseHealth& health) {
  Poco::JSON::Object::Ptr json = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  json->set("optimize_advised", health.optimizeAdvised);
  json->set("advice", health.advice);
  json->set("pages", health.pageCount);
  json->set("free_pages", health.freelistCount);
  json->set("free_percent", health.freePercent);
  json->set("analysed", health.analysed);
  return json;
}
}  // namespace

void addSystemRoutes(WebState& state) {
  const Right right = Right::pageRight(sitedb::Page::WebServerConfiguration);
  // This process runs the site and the pages: its share of the machine, the first view
  // averaging since the server started.
  state.cpu.emplace(static_cast<int>(::getpid()));

  state.router.add({"GET", "/api/v1/system/version", right, [](const ApiRequest&, ApiReply& reply) {
                      Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
                      json->set("software_version", std::string(EWS_VERSION));
                      reply.setJson(json);
                    }, {}});

  state.router.add({"GET", "/api/v1/system/info", right, [&state](const ApiRequest&, ApiReply& reply) {
                      sitedb::CpuUse cpu;
                      {
                        const std::lock_guard lock(state.cpuMutex);
                        cpu = state.cpu->sample();
                      }
                      const std::lock_guard lock(state.dbMutex);
                      const sitedb::SystemInfo info =
                          sitedb::querySystemInfo(state.db.path().parent_path(), state.db, EWS_VERSION, cpu);
                      reply.body = sitedb::systemInfoJson(info);
                    }, {}});

  state.router.add({"POST", "/api/v1/system/optimize", right, [&state](const ApiRequest&, ApiReply& reply) {
                      // The site's writer runs beside: no full VACUUM, only steps that hold the
                      // write lock for milliseconds (docs/backup.md, "Optimize").
                      const std::lock_guard lock(state.dbMutex);
                      const sitedb::OptimizeReport report = sitedb::optimize(state.db, state.clock());
                      Poco::JSON::Object::Ptr json = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
                      json->set("before", healthJson(report.before));
                      json->set("after", healthJson(report.after));
                      json->set("analysed", report.analysed);
                      json->set("incremental_steps", report.incrementalSteps);
                      json->set("note", report.note);
                      json->set("longest_lock_ms", static_cast<double>(toMicros(report.longestLockHold)) / 1000.0);
                      reply.setJson(json);
                    }, {}});
}

}  // namespace ews::web::detail
