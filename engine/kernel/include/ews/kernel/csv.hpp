#pragma once
// The one CSV module of the project: every CSV file the EWS writes (run trace, CSV tree,
// datalogger and report exports, sweep tables) goes through `field`/`row`, and every CSV file it
// reads (sessions files, load profile traces, tests reading outputs back) through `read`, so what
// one writes the other reads. Rules (docs/csv-tree.md, "Quoting"): RFC 4180 with the manual's
// separators (8.4.1: ';' or ',' between fields, ',' or '.' as decimal separator): a field holding
// the field separator, a quote, a line break, or spaces at either end is written between quotes,
// with its quotes doubled. A number with a decimal comma in a comma-separated file is therefore
// quoted too. It sits in the kernel because readers (engine/scenario) and writers (reports/, live/,
// cli/) in every layer share it.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ews::csv {

/// The text of one field in a file whose fields are separated by `separator`: as is, or quoted.
std::string field(std::string_view text, char separator);

/// One line: `fields` through `field`, joined by `separator`, ended by "\n". A first field
/// starting with '#' is quoted too, so readers that skip comment lines keep the row.
std::string row(std::span<const std::string> fields, char separator);
std::string row(std::initializer_list<std::string_view> fields, char separator);

struct ReadOptions {
  /// The field separator; 0: decided by the first record (the header, usually): ';' if it has one
  /// outside quotes, else a tab, else ','. Per file, not per row: a comma-separated file may hold
  /// unquoted semicolons in its names.
  char separator = 0;
  /// Lines whose first character (after spaces) is an unquoted '#' are skipped.
  bool comments = true;
  /// Spaces and tabs around an unquoted field are dropped (a quoted field keeps its own).
  bool trim = true;
};

struct Field {
  std::string text;  ///< unquoted
  int column = 1;    ///< 1-based byte column of the field's first character in its line
  bool quoted = false;
};

struct Record {
  int line = 1;  ///< 1-based line of the record's start (a quoted line break spans lines)
  char separator = ';';
  std::vector<Field> fields;
};

/// A malformed spot: an unterminated quote, text after a closing quote.
struct Problem {
  int line = 1;
  int column = 1;
  std::string reason;
};

struct Table {
  std::vector<Record> records;
  std::vector<Problem> problems;
};

/// The records of `text`: a UTF-8 byte order mark, empty lines and (by default) comment lines are
/// skipped; CRLF and LF line ends both end a record outside quotes. Malformed quoting is read as
/// far as it goes and reported in `problems`.
Table read(std::string_view text, const ReadOptions& options = {});

}  // namespace ews::csv
