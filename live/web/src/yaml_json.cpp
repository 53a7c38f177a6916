#include "yaml_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <fmt/format.h>

#include <charconv>
#include <cstdint>

namespace ews::web::detail {

namespace {
Poco::Dynamic::Var scalarOf(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return text;  // quoted in the file: a text whatever it reads like
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return Poco::Dynamic::Var();
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  std::int64_t whole = 0;
  if (auto [at, error] = std::from_chars(begin, end, whole); error == std::errc() && at == end) {
    return static_cast<Poco::Int64>(whole);
  }
  double real = 0.0;
  if (auto [at, error] = std::from_chars(begin, end, real); error == std::errc() && at == end) return real;
  return text;
}

void emit(YAML::Emitter& out, const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) {
    out << YAML::Null;
  } else if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
    const auto object = value.extract<Poco::JSON::Object::Ptr>();
    out << YAML::BeginMap;
    for (const auto& [key, member] : *object) {
      out << YAML::Key << key << YAML::Value;
      emit(out, member);
    }
    out << YAML::EndMap;
  } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    const auto array = value.extract<Poco::JSON::Array::Ptr>();
    out << YAML::BeginSeq;
    for (const auto& item : *array) emit(out, item);
    out << YAML::EndSeq;
  } else if (value.isBoolean()) {
    out << (value.extract<bool>() ? "true" : "false");
  } else if (value.isInteger()) {
    out << value.convert<Poco::Int64>();
  } else if (value.isNumeric()) {
    out << fmt::format("{}", value.convert<double>());
  } else {
    out << YAML::DoubleQuoted << value.convert<std::string>();
  }
}
}  // namespace

Poco::Dynamic::Var jsonOfYaml(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      for (const auto& item : node) object->set(item.first.Scalar(), jsonOfYaml(item.second));
      return object;
    }
    case YAML::NodeType::Sequence: {
      Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
      for (const auto& item : node) array->add(jsonOfYaml(item));
      return array;
    }
    case YAML::NodeType::Scalar: return scalarOf(node);
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: break;
  }
  return Poco::Dynamic::Var();
}

std::string yamlOfJson(const Poco::Dynamic::Var& value) {
  YAML::Emitter out;
  out << YAML::Flow;
  emit(out, value);
  return out.c_str();
}

}  // namespace ews::web::detail
