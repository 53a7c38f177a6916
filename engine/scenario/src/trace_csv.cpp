#include "trace_csv.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>

#include "value_parsers.hpp"
#include "zoned_time.hpp"

namespace ews::scenario::detail {

namespace {

/// Beyond this many problems a file is clearly not a trace: stop rather than flood the user.
constexpr std::size_t kMaxErrorsPerFile = 10;
/// Offsets beyond ~31 700 years overflow nothing but are certainly a wrong column.
constexpr double kMaxOffsetSeconds = 1e12;

struct Field {
  std::string text;
  int column;  ///< 1-based
};

std::string_view trim(std::string_view text, std::size_t& offset) {
  std::size_t begin = 0;
  while (begin < text.size() && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  std::size_t end = text.size();
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r')) --end;
  offset += begin;
  return text.substr(begin, end - begin);
}

/// Splits a row at ';' if it has one (EWS CSV style, decimal commas allowed), else at tabs,
/// else at ','. Returns the fields with their columns and whether decimal commas are allowed.
std::vector<Field> splitRow(std::string_view row, bool& decimalComma) {
  char separator = ',';
  if (row.find(';') != std::string_view::npos) {
    separator = ';';
  } else if (row.find('\t') != std::string_view::npos) {
    separator = '\t';
  }
  decimalComma = separator != ',';
  std::vector<Field> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(row.find(separator, start), row.size());
    std::size_t offset = start;
    const std::string_view text = trim(row.substr(start, end - start), offset);
    fields.push_back(Field{std::string(text), static_cast<int>(offset) + 1});
    if (end >= row.size()) break;
    start = end + 1;
  }
  return fields;
}

Parsed<double> parseNumber(std::string text, bool decimalComma) {
  if (decimalComma) std::replace(text.begin(), text.end(), ',', '.');
  return parseReal(text);
}

enum class TimeNotation { Offset, DateTime };

class Parser {
 public:
  Parser(const std::string& path, const TraceCsvContext& context, DiagnosticSink& sink)
      : path_(path), context_(context), sink_(sink) {}

  TraceCsv parse(std::string_view text) {
    int lineNumber = 0;
    bool seenContent = false;
    // Spreadsheets often write a UTF-8 byte order mark first.
    std::size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (start < text.size() && !stopped_) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const std::string_view line = text.substr(start, end - start);
      start = end + 1;
      ++lineNumber;
      std::size_t offset = 0;
      const std::string_view content = trim(line, offset);
      if (content.empty() || content.front() == '#') continue;
      const bool first = !seenContent;
      seenContent = true;
      parseRow(line, lineNumber, first);
    }
    if (!result_.pointsW.empty()) {
      // Offsets were taken from the first row's instant while reading date-times.
      result_.origin = notation_ == TimeNotation::Offset ? context_.runStart : firstInstant_;
    }
    return std::move(result_);
  }

 private:
  void error(int line, int column, std::string reason) {
    if (stopped_) return;
    if (errors_ == kMaxErrorsPerFile) {
      sink_.error(SourceLoc{path_, line, column}, context_.field,
                  fmt::format("more than {} errors in this trace file; stopped reading it", kMaxErrorsPerFile));
      stopped_ = true;
      return;
    }
    ++errors_;
    sink_.error(SourceLoc{path_, line, column}, context_.field, std::move(reason));
  }

  void parseRow(std::string_view line, int lineNumber, bool firstContentLine) {
    bool decimalComma = false;
    const std::vector<Field> fields = splitRow(line, decimalComma);
    // A first line with neither a time nor a number in its columns is a header ("time;power").
    if (firstContentLine && !isTime(fields.front().text) &&
        (fields.size() < 2 || !parseNumber(fields[1].text, decimalComma))) {
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
    return parseNumber(text, false) || parseLocalDateTime(text);
  }

  /// The row's offset from the origin: offset seconds as written, or a local date-time's
  /// distance from the first date-time row.
  std::optional<Duration> parseTime(const Field& field, int lineNumber) {
    const auto seconds = parseNumber(field.text, false);
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

  std::optional<double> parsePower(const Field& field, int lineNumber, bool decimalComma) {
    const auto powerW = parseNumber(field.text, decimalComma);
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

  const std::string& path_;
  const TraceCsvContext& context_;
  DiagnosticSink& sink_;
  TraceCsv result_;
  TimeNotation notation_ = TimeNotation::Offset;
  std::optional<int> notationLine_;
  Time firstInstant_{};
  bool firstInstantSet_ = false;
  int previousLine_ = 0;
  std::size_t errors_ = 0;
  bool stopped_ = false;
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
