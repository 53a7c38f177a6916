#include "ews/kernel/csv.hpp"

#include <algorithm>

namespace ews::csv {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool needsQuotes(std::string_view text, char separator) {
  if (text.empty()) return false;
  if (text.find_first_of(std::string{separator, '"', '\n', '\r'}) != std::string_view::npos) return true;
  // Readers trim unquoted fields: spaces at either end survive only between quotes.
  const auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
  return isSpace(text.front()) || isSpace(text.back());
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

template <typename Range>
std::string joinRow(const Range& fields, char separator) {
  std::string line;
  bool first = true;
  for (const auto& text : fields) {
    if (!first) line += separator;
    const std::string_view view(text);
    // A first field that starts like a comment, or with a byte order mark (which readers skip
    // at the start of a file), keeps its text only between quotes.
    const bool lostUnquoted = view.starts_with('#') || view.starts_with(kByteOrderMark);
    line += first && lostUnquoted ? quoted(view) : field(view, separator);
    first = false;
  }
  line += '\n';
  return line;
}

/// The end of the record starting at `start`: the first line feed outside quotes, or the end.
std::size_t recordEnd(std::string_view text, std::size_t start) {
  bool inQuotes = false;
  for (std::size_t i = start; i < text.size(); ++i) {
    if (text[i] == '"') inQuotes = !inQuotes;
    else if (text[i] == '\n' && !inQuotes) return i;
  }
  return text.size();
}

char detectSeparator(std::string_view record) {
  bool inQuotes = false;
  bool tab = false;
  for (const char c : record) {
    if (c == '"') inQuotes = !inQuotes;
    if (inQuotes) continue;
    if (c == ';') return ';';
    tab = tab || c == '\t';
  }
  return tab ? '\t' : ',';
}

/// Splits one record into fields, tracking line and column across quoted line breaks.
class RecordParser {
 public:
  RecordParser(std::string_view text, std::size_t begin, std::size_t end, int line, std::size_t lineStart,
               char separator, const ReadOptions& options, std::vector<Problem>& problems)
      : text_(text), pos_(begin), end_(end), line_(line), lineStart_(lineStart), separator_(separator),
        options_(options), problems_(problems) {}

  Record parse() {
    Record record{line_, separator_, {}};
    while (true) {
      record.fields.push_back(parseField());
      if (pos_ >= end_) break;
      ++pos_;  // the separator
    }
    return record;
  }

 private:
  bool isBlank(char c) const { return c == ' ' || (c == '\t' && separator_ != '\t') || c == '\r'; }

  void skipBlanks() {
    if (!options_.trim) return;
    while (pos_ < end_ && isBlank(text_[pos_])) ++pos_;
  }

  int column() const { return static_cast<int>(pos_ - lineStart_) + 1; }

  Field parseField() {
    skipBlanks();
    Field field;
    field.column = column();
    if (pos_ < end_ && text_[pos_] == '"') {
      field.quoted = true;
      readQuoted(field);
      skipBlanks();
      if (pos_ < end_ && text_[pos_] != separator_) {
        problems_.push_back({line_, column(), "text after the closing quote of a field"});
        readPlain(field.text);
      }
      return field;
    }
    readPlain(field.text);
    if (options_.trim) {
      while (!field.text.empty() && isBlank(field.text.back())) field.text.pop_back();
    } else if (!field.text.empty() && field.text.back() == '\r' && pos_ >= end_) {
      field.text.pop_back();  // the CR of a CRLF line end
    }
    return field;
  }

  void readPlain(std::string& out) {
    const std::size_t start = pos_;
    while (pos_ < end_ && text_[pos_] != separator_) ++pos_;
    out.append(text_.substr(start, pos_ - start));
  }

  void readQuoted(Field& field) {
    const int openLine = line_;
    const int openColumn = column();
    ++pos_;
    while (pos_ < end_) {
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < end_ && text_[pos_ + 1] == '"') {
          field.text += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        return;
      }
      if (c == '\n') {
        ++line_;
        lineStart_ = pos_ + 1;
      }
      field.text += c;
      ++pos_;
    }
    problems_.push_back({openLine, openColumn, "quote opened here is never closed"});
  }

  std::string_view text_;
  std::size_t pos_;
  std::size_t end_;
  int line_;
  std::size_t lineStart_;
  char separator_;
  const ReadOptions& options_;
  std::vector<Problem>& problems_;
};

}  // namespace

std::string field(std::string_view text, char separator) {
  return needsQuotes(text, separator) ? quoted(text) : std::string(text);
}

std::string row(std::span<const std::string> fields, char separator) { return joinRow(fields, separator); }

std::string row(std::initializer_list<std::string_view> fields, char separator) { return joinRow(fields, separator); }

Table read(std::string_view text, const ReadOptions& options) {
  Table table;
  // Spreadsheets often write a UTF-8 byte order mark first.
  std::size_t start = text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
  std::size_t lineStart = start;
  int line = 1;
  char separator = options.separator;
  while (start < text.size()) {
    // A comment is one line, whatever quotes it holds.
    const std::size_t content = text.find_first_not_of(" \t\r", start);
    const bool comment = options.comments && content < text.size() && text[content] == '#';
    const std::size_t end = comment ? std::min(text.find('\n', start), text.size()) : recordEnd(text, start);
    const std::string_view record = text.substr(start, end - start);
    const bool blank = record.find_first_not_of(" \t\r") == std::string_view::npos;
    if (!blank && !comment) {
      if (separator == 0) separator = detectSeparator(record);
      table.records.push_back(
          RecordParser(text, start, end, line, lineStart, separator, options, table.problems).parse());
    }
    for (const char c : record) line += c == '\n' ? 1 : 0;
    ++line;
    start = end + 1;
    lineStart = start;
  }
  return table;
}

}  // namespace ews::csv
