// "Optimize" (manual 8.8) without stopping acquisition: every write transaction it opens is
// short, so the engine's writer (busy timeout 5 s) waits at most one of them. A full VACUUM
// rewrites the whole file under one write lock, which on a large database is longer than a
// sample: it runs only when the caller says no one else writes (docs/backup.md).
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "ews/sitedb/database.hpp"
#include "ews/sitedb/system_info.hpp"
#include "meta_keys.hpp"

namespace ews::sitedb {

namespace {
// Runs `sql` and keeps the longest run: each of these statements is one write transaction.
class TimedExec {
 public:
  explicit TimedExec(const Database& db) : db_(db) {}
  void operator()(const std::string& sql) {
    const auto start = std::chrono::steady_clock::now();
    db_.exec(sql);
    const auto held = std::chrono::duration_cast<Duration>(std::chrono::steady_clock::now() - start);
    longest_ = std::max(longest_, held);
  }
  Duration longest() const { return longest_; }

 private:
  const Database& db_;
  Duration longest_{};
};
}  // namespace

OptimizeReport optimize(Database& db, Time now, const OptimizeOptions& options) {
  OptimizeReport report;
  report.before = databaseHealth(db);
  TimedExec run(db);

  // Statistics for the planner, sampled (analysis_limit) so that ANALYZE takes bounded time.
  run(fmt::format("PRAGMA analysis_limit = {}", options.analysisLimitRows));
  run("ANALYZE");
  run("PRAGMA optimize");
  report.analysed = true;

  if (report.before.autoVacuum == "incremental") {
    // Free pages go back to the file system a few at a time, one transaction each.
    const std::int64_t pagesPerStep = std::max(options.pagesPerStep, 1);
    const std::int64_t maxSteps = report.before.freelistCount / pagesPerStep + 2;
    while (report.incrementalSteps < maxSteps && db.queryInt("PRAGMA freelist_count").value_or(0) > 0) {
      run(fmt::format("PRAGMA incremental_vacuum({})", pagesPerStep));
      ++report.incrementalSteps;
      if (options.pauseBetweenSteps > Duration::zero()) {
        std::this_thread::sleep_for(std::chrono::microseconds(toMicros(options.pauseBetweenSteps)));
      }
    }
  } else if (report.before.autoVacuum == "none" && options.allowFullVacuum) {
    // Once: the file is rebuilt without free pages and in incremental mode, so later runs free
    // pages in small steps even while the ews writes.
    run("PRAGMA auto_vacuum = INCREMENTAL");
    run("VACUUM");
    report.fullVacuum = true;
  } else if (report.before.autoVacuum == "none" && report.before.freelistCount > 0) {
    report.note = fmt::format(
        "{} free pages stay: auto_vacuum is {}, and a full VACUUM waits for a stopped ews "
        "(ews info --optimize with no ews running, or start-up)",
        report.before.freelistCount, report.before.autoVacuum);
  }
  // Lets the file shrink and the WAL restart; PASSIVE never waits for readers or the writer.
  db.exec("PRAGMA wal_checkpoint(PASSIVE)");
  db.setMeta(detail::kMetaLastOptimize, std::to_string(toMicros(now)));
  report.longestLockHold = run.longest();
  report.after = databaseHealth(db);
  return report;
}

}  // namespace ews::sitedb
