// ews_make_ten_year_db DIR: a data folder for `ews live --data DIR` holding ten years of the
// reference site's history (bench/sitedb_live_memory.sh). DIR (created, must hold no database
// yet) is seeded with the 255-device reference site plus two electricity tariffs, written
// beside the database as reference-255-tariffs.yaml (configuration version 1), then its
// buckets table is filled by bench::generateTenYearHistory up to now (the last 10-minute
// sample instant), every subject the site's stack records (taken from a short virtual-time
// run of it). Prints the buckets, the time taken and the file size.
// An optional SAMPLE_DAYS keeps that many days of sample-rate rows instead of the retention's two
// (bench/report_export.sh: a year of 10-minute rows for the 15-minute data download).
#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>

#include "ews/run/site_data.hpp"
#include "sitedb_history_generator.hpp"
#include "sitedb_reference_site.hpp"

int main(int argc, char** argv) {
  using namespace ews;
  namespace fs = std::filesystem;
  if (argc != 2 && argc != 3) {
    fmt::print(stderr, "usage: {} DIR [SAMPLE_DAYS]\n", argv[0]);
    return 64;
  }
  history::Retention retention;
  if (argc == 3) retention.sampleHorizon = days(std::stoi(argv[2]));
  const fs::path folder = argv[1];
  try {
    if (fs::exists(folder / run::SiteData::kDatabaseFile)) {
      fmt::print(stderr, "{}: already holds a site database\n", folder.string());
      return 1;
    }
    fs::create_directories(folder);
    const fs::path site = folder / "reference-255-tariffs.yaml";
    std::ofstream(site) << bench::referenceSiteWithTariffsYaml();
    const Time now = std::chrono::floor<Duration>(std::chrono::system_clock::now());
    const bench::ReferenceRows rows = bench::captureReferenceRows(7);
    const auto subjects = bench::historySubjectsOf(rows);
    const run::SiteData data(folder, site.string(), "ews_make_ten_year_db", now);
    const TimeZone zone(rows.timeZone);
    const bench::GeneratedHistory generated =
        bench::generateTenYearHistory(data.db(), subjects, zone, now, rows.sampleRate, retention);
    fmt::print("{}: {} subjects, {} buckets from {} to {} generated in {:.2f} s; {:.1f} MB\n",
               (folder / run::SiteData::kDatabaseFile).string(), subjects.size(), generated.rows,
               zone.format(generated.first, "%F %R %Z"), zone.format(generated.end, "%F %R %Z"), generated.seconds,
               static_cast<double>(fs::file_size(folder / run::SiteData::kDatabaseFile)) / 1e6);
  } catch (const std::exception& error) {
    fmt::print(stderr, "{}: {}\n", folder.string(), error.what());
    return 1;
  }
  return 0;
}
