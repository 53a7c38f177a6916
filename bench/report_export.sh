#!/usr/bin/env bash
# Peak memory (max RSS) and time of the data download (docs/reports.md, "Memory"): reportdata.zip
# of the 255-device reference site for a whole year at 15 minutes, written by `ews report
# download` from a data folder holding a year of 10-minute sample rows (bench/make_ten_year_db.cpp
# with SAMPLE_DAYS 366: ten years of hours, days and months as the retention keeps them, and a
# year of sample rows instead of two days). Every device, then every device with the costs of
# the two electricity tariffs. The archive streams: the peak must not grow with the year.
# Also prints the disk a subject-year of sample rows costs (the site database keeps them 400 days).
# Usage: bench/report_export.sh [build dir]
set -euo pipefail
BUILD=${1:-build}
EWS=$BUILD/cli/ews
MAKE_DB=$BUILD/bench/ews_make_ten_year_db
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$MAKE_DB" "$WORK/year" 366
LAST_US=$(sqlite3 "file:$WORK/year/ews.db?mode=ro" "SELECT value FROM meta WHERE key = 'last_sample_us'")
# The last whole local day before the last sample, and the 365 days up to it.
LAST=$(TZ=Europe/Paris date -d "@$(( LAST_US / 1000000 - 86400 ))" +%F)
FIRST=$(TZ=Europe/Paris date -d "$LAST - 364 days" +%F)

# measure LABEL ARGS...: runs `ews report download` under /usr/bin/time and prints its figures.
measure() {
  local label=$1
  shift
  /usr/bin/time -f "%M %e" -o "$WORK/time" "$EWS" report download --data "$WORK/year" --from "$FIRST" --to "$LAST" \
    --step 15min -o "$WORK/reportdata.zip" "$@" >/dev/null 2>"$WORK/stderr" || { cat "$WORK/stderr"; exit 1; }
  read -r rss seconds < "$WORK/time"
  local rows columns
  rows=$(unzip -p "$WORK/reportdata.zip" report_energy_devices_electricity.csv | wc -l)
  columns=$(unzip -p "$WORK/reportdata.zip" report_energy_devices_electricity.csv | sed -n 1p | tr ';' '\n' | wc -l)
  printf '%-28s %6.1f s  max RSS %6.1f MB  zip %7.1f MB (%7.1f MB unzipped)  electricity: %d rows x %d columns\n' \
    "$label" "$seconds" "$(echo "$rss / 1024" | bc -l)" \
    "$(echo "$(stat -c %s "$WORK/reportdata.zip") / 1000000" | bc -l)" \
    "$(unzip -l "$WORK/reportdata.zip" | tail -1 | awk '{print $1 / 1000000}')" "$rows" "$columns"
}

# The disk the kept sample rows cost (docs/reports.md, "Disk"): the buckets table's pages
# (dbstat) shared out by rows, times the sample rows of one subject over the year.
sqlite3 "file:$WORK/year/ews.db?mode=ro" "
  WITH t(bytes) AS (SELECT SUM(pgsize) FROM dbstat WHERE name = 'buckets'),
       n(rows, samples, subjects) AS (SELECT COUNT(*), SUM(resolution = 0),
                                             COUNT(DISTINCT CASE WHEN resolution = 0 THEN kind * 1000000 + subject END)
                                      FROM buckets)
  SELECT printf('sample rows: %d of %d bucket rows, %d subjects; %.1f bytes a row; %.2f MB a subject-year of sample rows',
                samples, rows, subjects, 1.0 * bytes / rows, 1.0 * bytes / rows * samples / subjects / 1e6)
  FROM t, n"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "reportdata.zip of $FIRST .. $LAST at 15 min ($(du -m "$WORK/year/ews.db" | cut -f1) MB database):"
measure "every device"
measure "every device, with costs" --costs
