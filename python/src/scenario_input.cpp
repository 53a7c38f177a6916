#include "scenario_input.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "ews/scenario/document.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/run/sweep_runner.hpp"

namespace py = pybind11;

namespace ews::python {

namespace {

bool isInstance(py::handle value, const char* module, const char* type) {
  return py::isinstance(value, py::module_::import(module).attr(type));
}

void emit(YAML::Emitter& out, py::handle value, const std::string& path) {
  if (py::isinstance<py::dict>(value)) {
    out << YAML::BeginMap;
    for (const auto& [key, item] : value.cast<py::dict>()) {
      if (!py::isinstance<py::str>(key)) {
        throw py::type_error(fmt::format(
            "scenario dict: {}: key {} is not a str (PyYAML reads the keys on/off/yes/no as booleans: "
            "load scenario files with yaml.BaseLoader)",
            path.empty() ? "(top)" : path, py::repr(key).cast<std::string>()));
      }
      const auto name = key.cast<std::string>();
      out << YAML::Key << name << YAML::Value;
      emit(out, item, path.empty() ? name : path + "." + name);
    }
    out << YAML::EndMap;
  } else if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    out << YAML::BeginSeq;
    std::size_t index = 0;
    for (const auto& item : value) emit(out, item, fmt::format("{}[{}]", path, index++));
    out << YAML::EndSeq;
  } else if (value.is_none()) {
    out << YAML::Null;
  } else if (py::isinstance<py::bool_>(value)) {
    out << (value.cast<bool>() ? "true" : "false");
  } else if (py::isinstance<py::str>(value)) {
    out << value.cast<std::string>();
  } else if (py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value)) {
    // repr() is Python's shortest round-trip text: 0.1 stays 0.1.
    out << py::repr(value).cast<std::string>();
  } else if (isInstance(value, "datetime", "datetime")) {
    out << value.attr("isoformat")().cast<std::string>();
  } else if (isInstance(value, "datetime", "timedelta")) {
    out << fmt::format("{}s", value.attr("total_seconds")().cast<double>());
  } else {
    throw py::type_error(fmt::format("scenario dict: {}: cannot write a value of type {} as YAML",
                                     path.empty() ? "(top)" : path,
                                     py::type::of(value).attr("__name__").cast<std::string>()));
  }
}

}  // namespace

std::string scenarioYaml(py::handle scenarioDict) {
  if (!py::isinstance<py::dict>(scenarioDict)) throw py::type_error("a scenario dict must be a dict");
  YAML::Emitter out;
  emit(out, scenarioDict, "");
  return std::string(out.c_str()) + "\n";
}

scenario::Scenario loadScenario(py::handle source, const std::string& baseDir) {
  if (py::isinstance<py::dict>(source)) {
    const std::string text = scenarioYaml(source);
    const std::string fileName = (std::filesystem::path(baseDir) / "<dict>").string();
    return run::parseChecked(scenario::loadScenarioYaml(text, fileName), fileName);
  }
  const std::string path = py::str(py::module_::import("os").attr("fspath")(source)).cast<std::string>();
  return run::parseChecked(scenario::loadScenarioYaml(scenario::readScenarioText(path), path), path);
}

}  // namespace ews::python
