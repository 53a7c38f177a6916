#pragma once
// What the System configuration pages need from the box running them (docs/api.md,
// "Configuration"): the configuration in force, saving a change to it and the Test button's
// probe. The web server is a lower layer than the site it serves, so it sees the site through
// this interface; `ews serve`, `ews live` and `ews twin` hand it one built on the configuration
// service and the site host (run::SiteConfigurator), tests may hand their own.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ews::web {

/// A device or gateway as the installation names it (default names applied, manual 7.16.1.5
/// "LIST OF REQUIRED PARAMETERS") with its id (a device's Remote ID is 10000 + id).
struct ConfiguredElement {
  int id = 0;
  std::string name;
};
struct ConfiguredGateway {
  ConfiguredElement gateway;
  std::vector<ConfiguredElement> devices;  ///< in the order of the scenario's list
};

/// The configuration in force and the capacity of the variant (manual 3 and 7.16.1).
struct ConfigurationState {
  int version = 0;
  std::string yaml;     ///< the stored scenario text
  std::string variant;  ///< "10", "32", "255"
  int maxDevices = 0;
  int maxDevicesPerGateway = 0;
  int usedDevices = 0;
  /// Per gateway of the scenario's list, in its order.
  std::vector<ConfiguredGateway> gateways;
};

/// One edit of the stored scenario by field path (as run::ConfigEdit).
struct ConfigurationEdit {
  enum class Op { Set, Append, Remove };
  Op op = Op::Set;
  std::string path;       ///< "installation.gateways[0].devices[2].name"
  std::string valueYaml;  ///< the new value as YAML flow text (Set, Append)
};

struct FieldProblem {
  std::string field;
  std::string message;
};

struct SaveOutcome {
  enum class Kind { Saved, Stale, Invalid, Unavailable };
  Kind kind = Kind::Saved;
  int version = 0;                     ///< Saved: the new version; Stale: the one in force
  std::vector<FieldProblem> problems;  ///< Invalid: every refused field
  std::string message;                 ///< Stale, Unavailable: why
};

/// The Test button's outcome (manual 7.16.1.2/7.16.1.3): the poller's one-shot probe.
struct TestOutcome {
  bool ok = false;
  std::string message;  ///< "Test OK: 6 registers in 17.4 ms", "Test failed: timeout after 300 ms"
  double elapsedMs = 0.0;
  std::string gateway;  ///< names of what was probed
  std::string device;
  bool found = true;    ///< false: no such gateway or device in the configuration in force
};

class SiteConfiguration {
 public:
  virtual ~SiteConfiguration() = default;
  /// Thread-safe.
  virtual ConfigurationState current() const = 0;
  /// Thread-safe. Stores `edits` as the next version when `baseVersion` is the version in
  /// force and the result validates, and applies it to the running stack before returning;
  /// otherwise stores nothing.
  virtual SaveOutcome save(int baseVersion, const std::string& author, const std::string& summary,
                           const std::vector<ConfigurationEdit>& edits) = 0;
  /// Thread-safe. Probes device `device` of gateway `gateway` (indexes in the configuration in
  /// force), or the gateway's first device when `device` is empty; `done` runs once, on
  /// another thread.
  virtual void test(int gateway, std::optional<int> device, std::function<void(TestOutcome)> done) = 0;
};

}  // namespace ews::web
