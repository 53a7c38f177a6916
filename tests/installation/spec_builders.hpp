#pragma once
// Small installation specs written in code, and assertions on diagnostics, for the
// installation tests.
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "ews/installation/spec.hpp"
#include "ews/installation/validation.hpp"

namespace ews::installation::test {

inline DeviceSpec device(DeviceFamily family, std::string model, int address, std::string name = "") {
  DeviceSpec spec;
  spec.family = family;
  spec.model = std::move(model);
  spec.address = address;
  spec.name = std::move(name);
  return spec;
}

/// An EMDX3 Premium multifunction meter (THD): the plain RS485 device of most tests.
inline DeviceSpec meter(int address, std::string name = "") {
  return device(DeviceFamily::MultifunctionMeter, "4 120 53", address, std::move(name));
}

inline DeviceSpec pulseCounter(int address, int position, Medium medium, std::string model) {
  DeviceSpec spec = device(DeviceFamily::PulseCounter, std::move(model), address);
  spec.position = position;
  spec.medium = medium;
  return spec;
}

/// A pulse counter of a model counting `medium`.
inline DeviceSpec pulseCounter(int address, int position, Medium medium = Medium::Electricity) {
  const char* model = medium == Medium::Water ? "Water counter" : medium == Medium::Gas ? "Gas counter" : "4 120 80";
  return pulseCounter(address, position, medium, model);
}

inline DeviceSpec station(std::string model, int address) {
  return device(DeviceFamily::ChargingStation, std::move(model), address);
}

inline DeviceSpec virtualDevice(int remoteId, std::string name = "") {
  DeviceSpec spec = device(DeviceFamily::WsMeasure, "WSMEASURE", 0, std::move(name));
  spec.remoteId = remoteId;
  return spec;
}

inline GatewaySpec gateway(GatewayKind kind, std::string ip, std::vector<DeviceSpec> devices, std::string name = "") {
  GatewaySpec spec;
  spec.kind = kind;
  spec.ip = std::move(ip);
  spec.devices = std::move(devices);
  spec.name = std::move(name);
  return spec;
}

inline GatewaySpec physical(std::string ip, std::vector<DeviceSpec> devices = {}, std::string name = "") {
  return gateway(GatewayKind::Physical, std::move(ip), std::move(devices), std::move(name));
}

inline GatewaySpec local(std::vector<DeviceSpec> devices = {}) {
  return gateway(GatewayKind::Local, "", std::move(devices));
}

inline GatewaySpec slave(std::string ip, std::vector<DeviceSpec> devices = {}, std::string name = "") {
  return gateway(GatewayKind::Virtual, std::move(ip), std::move(devices), std::move(name));
}

inline InstallationSpec site(std::vector<GatewaySpec> gateways, Variant variant = Variant::Ews255) {
  InstallationSpec spec;
  spec.variant = variant;
  spec.siteName = "Test site";
  spec.gateways = std::move(gateways);
  return spec;
}

inline LoadSpec load(std::string name, bool enabled = true) {
  LoadSpec spec;
  spec.name = std::move(name);
  spec.enabled = enabled;
  return spec;
}

inline GroupSpec group(std::string name) {
  GroupSpec spec;
  spec.name = std::move(name);
  return spec;
}

inline PanelBoardSpec panelBoard(std::string name) {
  PanelBoardSpec spec;
  spec.name = std::move(name);
  return spec;
}

inline std::string describe(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics) text += "\n  " + diagnostic.str();
  return text;
}

/// Passes when the spec breaks no rule; otherwise lists what was found.
inline ::testing::AssertionResult isValid(const InstallationSpec& spec) {
  const auto diagnostics = validate(spec);
  if (diagnostics.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "unexpected diagnostics:" << describe(diagnostics);
}

/// The diagnostic on `field` whose reason contains `reasonPart`, or nullptr.
inline const Diagnostic* findDiagnostic(const std::vector<Diagnostic>& diagnostics, std::string_view field,
                                        std::string_view reasonPart) {
  for (const auto& diagnostic : diagnostics) {
    if (diagnostic.field == field && diagnostic.reason.find(reasonPart) != std::string::npos) return &diagnostic;
  }
  return nullptr;
}

/// Passes when validating `spec` reports `field` with a reason containing `reasonPart`.
inline ::testing::AssertionResult reports(const InstallationSpec& spec, std::string_view field,
                                          std::string_view reasonPart) {
  const auto diagnostics = validate(spec);
  if (findDiagnostic(diagnostics, field, reasonPart) != nullptr) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no diagnostic on " << field << " containing \"" << reasonPart
                                       << "\"; found:" << describe(diagnostics);
}

}  // namespace ews::installation::test
