#include "dlm_settings.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>
#include <variant>

#include "time_conversion.hpp"

namespace py = pybind11;

namespace ews::python {

namespace {

using DoubleField = double dlm::Settings::*;
using BoolField = bool dlm::Settings::*;
using DurationField = Duration dlm::Settings::*;

struct Field {
  std::string_view name;
  std::variant<DoubleField, BoolField, DurationField> member;
};

constexpr std::array<Field, 14> kFields{{
    {"max_current_a", &dlm::Settings::maxCurrentA},
    {"max_charging_current_a", &dlm::Settings::maxChargingCurrentA},
    {"hysteresis_pct", &dlm::Settings::hysteresisPct},
    {"first_step_pct", &dlm::Settings::firstStepPct},
    {"second_step_pct", &dlm::Settings::secondStepPct},
    {"min_charge_ah", &dlm::Settings::minChargeAh},
    {"voltage_v", &dlm::Settings::voltageV},
    {"load_control", &dlm::Settings::loadControl},
    {"control_logic", &dlm::Settings::controlLogic},
    {"hold_time_s", &dlm::Settings::holdTime},
    {"waiting_time_s", &dlm::Settings::waitingTime},
    {"skip_time_s", &dlm::Settings::skipTime},
    {"settle_time_s", &dlm::Settings::settleTime},
    {"meter_max_age_s", &dlm::Settings::meterMaxAge},
}};

const Field& fieldNamed(std::string_view name) {
  for (const Field& field : kFields) {
    if (field.name == name) return field;
  }
  std::vector<std::string_view> names;
  for (const Field& field : kFields) names.push_back(field.name);
  throw py::key_error(fmt::format("no DLM parameter '{}'; parameters: {}", name, fmt::join(names, ", ")));
}

struct Reader {
  const dlm::Settings& settings;
  py::object operator()(DoubleField member) const { return py::float_(settings.*member); }
  py::object operator()(BoolField member) const { return py::bool_(settings.*member); }
  py::object operator()(DurationField member) const { return py::float_(toSeconds(settings.*member)); }
};

struct Writer {
  dlm::Settings& settings;
  py::handle value;
  std::string_view name;
  void operator()(DoubleField member) const {
    // bool is an int in Python: True as a current is a mistake, not 1 A.
    if (py::isinstance<py::bool_>(value) || !(py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value))) {
      throw py::type_error(fmt::format("DLM parameter {}: a number is needed", name));
    }
    settings.*member = value.cast<double>();
  }
  void operator()(BoolField member) const {
    if (!py::isinstance<py::bool_>(value)) throw py::type_error(fmt::format("DLM parameter {}: True or False", name));
    settings.*member = value.cast<bool>();
  }
  void operator()(DurationField member) const { settings.*member = toDuration(value); }
};

}  // namespace

py::dict settingsDict(const dlm::Settings& settings) {
  py::dict result;
  for (const Field& field : kFields) result[py::str(std::string(field.name))] = std::visit(Reader{settings}, field.member);
  return result;
}

dlm::Settings withChanges(dlm::Settings settings, const py::dict& changes) {
  for (const auto& [key, value] : changes) {
    const auto name = key.cast<std::string>();
    std::visit(Writer{settings, value, name}, fieldNamed(name).member);
  }
  return settings;
}

}  // namespace ews::python
