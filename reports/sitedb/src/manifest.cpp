#include "manifest.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include <set>
#include <stdexcept>

#include "ews/reports/json_writer.hpp"

namespace ews::sitedb::detail {

namespace {
std::runtime_error bad(std::string_view what) { return std::runtime_error(fmt::format("manifest.json: {}", what)); }

Poco::Dynamic::Var field(const Poco::JSON::Object& object, const std::string& key, std::string_view where) {
  if (!object.has(key)) throw bad(fmt::format("{}missing '{}'", where, key));
  return object.get(key);
}

std::int64_t integer(const Poco::JSON::Object& object, const std::string& key, std::string_view where = {}) {
  const auto value = field(object, key, where);
  if (!value.isInteger()) throw bad(fmt::format("{}'{}' is not an integer", where, key));
  return value.convert<std::int64_t>();
}

std::string text(const Poco::JSON::Object& object, const std::string& key, std::string_view where = {}) {
  const auto value = field(object, key, where);
  if (!value.isString()) throw bad(fmt::format("{}'{}' is not a string", where, key));
  return value.convert<std::string>();
}

bool isSha256Hex(std::string_view digest) {
  if (digest.size() != 64) return false;
  for (const char c : digest) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}
}  // namespace

std::string manifestJson(const Manifest& manifest) {
  reports::JsonWriter json;
  json.beginObject()
      .value("format", kManifestFormatName)
      .value("format_version", std::int64_t{manifest.formatVersion})
      .value("ews_version", manifest.ewsVersion)
      .value("schema_version", std::int64_t{manifest.schemaVersion})
      .value("created_at", formatUtc(manifest.createdAt))
      .value("created_at_us", toMicros(manifest.createdAt));
  if (manifest.configVersion) json.value("config_version", *manifest.configVersion);
  json.beginArray("files");
  for (const ManifestFile& file : manifest.files) {
    json.beginObject().value("path", file.path).value("bytes", file.bytes).value("sha256", file.sha256).endObject();
  }
  json.endArray().endObject();
  return json.str();
}

Manifest parseManifest(const std::string& json) {
  Poco::JSON::Object::Ptr root;
  try {
    root = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& error) {
    throw bad(fmt::format("not valid JSON ({})", error.displayText()));
  }
  if (root.isNull()) throw bad("not a JSON object");
  if (!root->has("format") || !root->get("format").isString() ||
      root->getValue<std::string>("format") != kManifestFormatName) {
    throw bad("not the manifest of an ews backup");
  }
  Manifest manifest;
  const std::int64_t format = integer(*root, "format_version");
  if (format != kBackupFormatVersion) {
    throw bad(fmt::format("format version {}, this ews reads {}", format, kBackupFormatVersion));
  }
  manifest.formatVersion = static_cast<int>(format);
  manifest.ewsVersion = text(*root, "ews_version");
  const std::int64_t schema = integer(*root, "schema_version");
  if (schema < 0 || schema > 1'000'000) throw bad(fmt::format("schema version {} is out of range", schema));
  manifest.schemaVersion = static_cast<int>(schema);
  manifest.createdAt = timeFromMicros(integer(*root, "created_at_us"));
  if (root->has("config_version")) manifest.configVersion = integer(*root, "config_version");

  const Poco::JSON::Array::Ptr files = root->getArray("files");
  if (files.isNull()) throw bad("missing 'files' list");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < files->size(); ++i) {
    const Poco::JSON::Object::Ptr entry = files->getObject(static_cast<unsigned>(i));
    if (entry.isNull()) throw bad(fmt::format("files[{}] is not an object", i));
    const std::string where = fmt::format("files[{}]: ", i);
    ManifestFile file;
    file.path = text(*entry, "path", where);
    const std::int64_t bytes = integer(*entry, "bytes", where);
    if (bytes < 0) throw bad(fmt::format("{}negative size", where));
    file.bytes = static_cast<std::uint64_t>(bytes);
    file.sha256 = text(*entry, "sha256", where);
    if (!isSha256Hex(file.sha256)) throw bad(fmt::format("{}'{}': sha256 is not 64 lower-case hex digits", where, file.path));
    if (!seen.insert(file.path).second) throw bad(fmt::format("'{}' is listed twice", file.path));
    manifest.files.push_back(std::move(file));
  }
  return manifest;
}

}  // namespace ews::sitedb::detail
