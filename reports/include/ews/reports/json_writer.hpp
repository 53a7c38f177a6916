#pragma once
// A minimal streaming JSON writer with deterministic output: keys in the order written, fixed
// number formats, two-space indentation. Enough for run summaries; not a general library.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ews::reports {

class JsonWriter {
 public:
  JsonWriter& beginObject(std::string_view key = {});
  JsonWriter& endObject();
  JsonWriter& beginArray(std::string_view key = {});
  JsonWriter& endArray();
  JsonWriter& value(std::string_view key, std::string_view text);
  JsonWriter& value(std::string_view key, const char* text) { return value(key, std::string_view(text)); }
  JsonWriter& value(std::string_view key, std::int64_t number);
  JsonWriter& value(std::string_view key, std::uint64_t number);
  JsonWriter& value(std::string_view key, bool flag);
  /// Fixed-point with `decimals` digits (deterministic; no exponent).
  JsonWriter& number(std::string_view key, double number, int decimals = 3);

  /// The document; all objects and arrays must be closed.
  std::string str() const;

  static std::string escape(std::string_view text);

 private:
  void prefix(std::string_view key);
  void newline();

  std::string out_;
  std::vector<bool> firstInScope_;  // one entry per open object/array
};

}  // namespace ews::reports
