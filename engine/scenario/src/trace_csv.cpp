#include "trace_csv.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <optional>

#include "csv_text.hpp"
#include "value_parsers.hpp"
#include "zoned_time.hpp"

namespace ews::scenario::detail {

namespace {

/// Offsets beyond ~31 700 years overflow nothing but are certainly a wrong column.
constexpr double kMaxOffsetSeconds = 1e12;

enum class TimeNotation { Offset, DateTime };

class Parser {
 public:
  Parser(const std::string& path, const TraceCsvContext& context, DiagnosticSink& sink)
      : context_(context), errors_(sink, path, context.field, "trace file") {}

  TraceCsv parse(std::string_view text) {
    const std::vector<CsvRow> rows = csvRows(text, errors_);
    for (std::size_t i = 0; i < rows.size() && !errors_.stopped(); ++i) parseRow(rows[i], i == 0);
    if (!result_.pointsW.empty()) {
      // Offsets were taken from the first row's instant while reading date-times.
      result_.origin = notation_ == TimeNotation::Offset ? context_.runStart : firstInstant_;
    }
    return std::move(result_);
  }

 private:
  void parseRow(const CsvRow& row, bool firstContentLine) {
    const std::vector<CsvField>& fields = row.fields;
    const int lineNumber = row.line;
    const bool decimalComma = row.decimalComma;
    // A first line with neither a time nor a number in its columns is a header ("time;power").
    if (firstContentLine && !isTime(fields.front().text) &&
        (fields.size() < 2 || !parseCsvNumber(fields[1].text, decimalComma))) {
      return;
    }
    if (fields.size() != 2) {
      error(lineNumber, 1,
            fmt::format("expected 2 columns (time, power in W), got {}", fields.size()));
      return;
    }
    const auto at = parseTime(fields[0], lineNumber);
    const auto powerW = parsePower(fields[1], lineNumber, decimalComma);
    if (!at || !powerW) return;
    if (!result_.pointsW.empty() && *at <= result_.pointsW.back().first) {
      error(lineNumber, fields[0].column,
            fmt::format("time '{}' must come after the previous row's (line {})", fields[0].text, previousLine_));
      return;
    }
    result_.pointsW.emplace_back(*at, *powerW);
    previousLine_ = lineNumber;
  }

  static bool isTime(const std::string& text) {
    return parseCsvNumber(text, false) || parseLocalDateTime(text);
  }

  /// The row's offset from the origin: offset seconds as written, or a local date-time's
  /// distance from the first date-time row.
  std::optional<Duration> parseTime(const CsvField& field, int lineNumber) {
    const auto seconds = parseCsvNumber(field.text, false);
    const auto local = seconds ? Parsed<date::local_time<Duration>>::fail("") : parseLocalDateTime(field.text);
    if (!seconds && !local) {
      error(lineNumber, field.column,
            fmt::format("expected a time: seconds from the run start or a local date-time YYYY-MM-DDTHH:MM[:SS], "
                        "got '{}'",
                        field.text));
      return std::nullopt;
    }
    const TimeNotation notation = seconds ? TimeNotation::Offset : TimeNotation::DateTime;
    if (!notationLine_) {
      notation_ = notation;
      notationLine_ = lineNumber;
    } else if (notation != notation_) {
      error(lineNumber, field.column,
            fmt::format("expected {} like line {}, got '{}'",
                        notation_ == TimeNotation::Offset ? "seconds from the run start" : "a local date-time",
                        *notationLine_, field.text));
      return std::nullopt;
    }
    if (seconds) {
      if (*seconds.value < 0.0 || *seconds.value > kMaxOffsetSeconds) {
        error(lineNumber, field.column,
              fmt::format("seconds from the run start must be between 0 and {:g}, got {}", kMaxOffsetSeconds, field.text));
        return std::nullopt;
      }
      return Duration{static_cast<std::int64_t>(std::llround(*seconds.value * 1e6))};
    }
    if (context_.zone == nullptr) return std::nullopt;  // the zone is wrong and reported already
    const auto utc = localToUtc(*context_.zone, *local.value);
    if (!utc) {
      error(lineNumber, field.column, utc.error);
      return std::nullopt;
    }
    if (result_.pointsW.empty() && !firstInstantSet_) {
      firstInstant_ = *utc.value;
      firstInstantSet_ = true;
    }
    return *utc.value - firstInstant_;
  }

  std::optional<double> parsePower(const CsvField& field, int lineNumber, bool decimalComma) {
    const auto powerW = parseCsvNumber(field.text, decimalComma);
    if (!powerW) {
      error(lineNumber, field.column, fmt::format("expected a power in W, got '{}'", field.text));
      return std::nullopt;
    }
    if (*powerW.value < 0.0) {
      error(lineNumber, field.column, fmt::format("power must be at least 0 W, got {} W", field.text));
      return std::nullopt;
    }
    return *powerW.value;
  }

  void error(int line, int column, std::string reason) { errors_.error(line, column, std::move(reason)); }

  const TraceCsvContext& context_;
  CsvErrors errors_;
  TraceCsv result_;
  TimeNotation notation_ = TimeNotation::Offset;
  std::optional<int> notationLine_;
  Time firstInstant_{};
  bool firstInstantSet_ = false;
  int previousLine_ = 0;
};

}  // namespace

TraceCsv parseTraceCsv(std::string_view text, const std::string& path, const TraceCsvContext& context,
                       DiagnosticSink& sink) {
  return Parser(path, context, sink).parse(text);
}

std::string resolveBesideScenario(const std::string& scenarioFile, const std::string& written) {
  const std::filesystem::path file(written);
  if (file.is_absolute()) return written;
  return (std::filesystem::path(scenarioFile).parent_path() / file).lexically_normal().string();
}

}  // namespace ews::scenario::detail
