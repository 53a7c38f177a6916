#pragma once
// Shared helpers of the profile tests: the shipped catalogue, value tables standing in for a
// simulated device, a recording writer, and diagnostics as strings.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "ews/kernel/diagnostic.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/profiles/register_map.hpp"

namespace ews::profiles::test {

inline std::string shippedDirectory() { return std::string(EWS_SOURCE_DIR) + "/models/profiles/data"; }

inline const ProfileCatalogue& shipped() {
  static const ProfileCatalogue catalogue = ProfileCatalogue::loadDirectory(shippedDirectory());
  return catalogue;
}

/// The value of each field from a table, counting the calls (serving must not ask for
/// write-only fields).
class TableValues final : public FieldValues {
 public:
  explicit TableValues(std::vector<double> values) : values_(std::move(values)) {}
  double fieldValue(std::size_t fieldIndex) const override {
    ++calls;
    return values_.at(fieldIndex);
  }
  mutable int calls = 0;

 private:
  std::vector<double> values_;
};

/// Records every field written; answers `refusal` for the field `refuseIndex`.
class RecordingWriter final : public FieldWriter {
 public:
  link::ExceptionCode writeField(std::size_t fieldIndex, double value) override {
    if (refuseIndex && *refuseIndex == fieldIndex) return refusal;
    written.emplace_back(fieldIndex, value);
    return link::ExceptionCode::None;
  }
  std::vector<std::pair<std::size_t, double>> written;
  std::optional<std::size_t> refuseIndex;
  link::ExceptionCode refusal = link::ExceptionCode::IllegalDataValue;
};

/// The diagnostics `action` throws as "file:line:column: field: reason" strings; fails the
/// test when it throws nothing.
inline std::vector<std::string> diagnosticsOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const ValidationError& error) {
    std::vector<std::string> lines;
    for (const auto& diagnostic : error.diagnostics()) lines.push_back(diagnostic.str());
    return lines;
  }
  ADD_FAILURE() << "expected a ValidationError";
  return {};
}

inline std::vector<std::string> parseErrors(const std::string& yaml, const std::string& fileName = "bad.yaml") {
  return diagnosticsOf([&] { (void)RegisterMap::parse(yaml, fileName); });
}

/// A request reading `count` values at `address` into `buffer`.
inline link::Request readRequest(link::Function function, std::uint16_t address, std::uint16_t count,
                                 std::vector<std::uint16_t>& buffer) {
  buffer.assign(count, 0xDEAD);
  link::Request request;
  request.function = function;
  request.address = address;
  request.count = count;
  request.readBuffer = buffer;
  return request;
}

inline link::Request writeRequest(link::Function function, std::uint16_t address,
                                  const std::vector<std::uint16_t>& values) {
  link::Request request;
  request.function = function;
  request.address = address;
  request.count = static_cast<std::uint16_t>(values.size());
  request.writeValues = values;
  return request;
}

/// A value every field can carry exactly: the decoding of a raw pattern that varies with the
/// field's index (negative for signed types on odd indices), so a round trip through
/// encode -> words -> decode must give it back unchanged.
double exactSampleValue(const Field& field, std::size_t index);

}  // namespace ews::profiles::test
