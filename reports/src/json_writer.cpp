#include "ews/reports/json_writer.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "ews/reports/number_format.hpp"

namespace ews::reports {

std::string JsonWriter::escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size() + 2);
  for (const char c : text) {
    switch (c) {
      case '"': escaped += "\\\""; break;
      case '\\': escaped += "\\\\"; break;
      case '\n': escaped += "\\n"; break;
      case '\r': escaped += "\\r"; break;
      case '\t': escaped += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          escaped += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          escaped += c;
        }
    }
  }
  return escaped;
}

void JsonWriter::newline() {
  out_ += '\n';
  out_.append(firstInScope_.size() * 2, ' ');
}

void JsonWriter::prefix(std::string_view key) {
  if (!firstInScope_.empty()) {
    if (!firstInScope_.back()) out_ += ',';
    firstInScope_.back() = false;
    newline();
  }
  if (!key.empty()) out_ += fmt::format("\"{}\": ", escape(key));
}

JsonWriter& JsonWriter::beginObject(std::string_view key) {
  prefix(key);
  out_ += '{';
  firstInScope_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::endObject() {
  const bool empty = firstInScope_.back();
  firstInScope_.pop_back();
  if (!empty) newline();
  out_ += '}';
  return *this;
}

JsonWriter& JsonWriter::beginArray(std::string_view key) {
  prefix(key);
  out_ += '[';
  firstInScope_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::endArray() {
  const bool empty = firstInScope_.back();
  firstInScope_.pop_back();
  if (!empty) newline();
  out_ += ']';
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view key, std::string_view text) {
  prefix(key);
  out_ += fmt::format("\"{}\"", escape(text));
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view key, std::int64_t number) {
  prefix(key);
  out_ += fmt::format("{}", number);
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view key, std::uint64_t number) {
  prefix(key);
  out_ += fmt::format("{}", number);
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view key, bool flag) {
  prefix(key);
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::number(std::string_view key, double number, int decimals) {
  prefix(key);
  out_ += fixedPoint(number, decimals);
  return *this;
}

std::string JsonWriter::str() const {
  if (!firstInScope_.empty()) throw std::logic_error("JsonWriter: unclosed object or array");
  return out_ + '\n';
}

}  // namespace ews::reports
