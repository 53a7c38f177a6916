#pragma once
// Several Energy Web Servers in a Master/Slave hierarchy (manual 7.16.6, docs/master-slave.md).
// Each EWS is described by its own scenario file; a master's `slaves:` section names the files
// of the slaves it reads and the virtual gateway standing for each. A slave may itself be the
// master of others, so a hierarchy has any number of levels. loadInstances reads the top
// master's file and, recursively, its slaves' files, and checks what no single file can: loops
// of masters and slaves, slaves whose Modbus TCP server is OFF, Remote IDs a slave does not serve.
#include <cstddef>
#include <string>
#include <vector>

#include "ews/scenario/scenario.hpp"

namespace ews::scenario {

/// One EWS of the hierarchy.
struct Instance {
  std::string path;  ///< its scenario file: the top's as given, a slave's joined to its master's directory
  Scenario scenario;
};

/// Instance `master` reads instance `slave` through its virtual gateway `gateway`.
struct InstanceReading {
  std::size_t master = 0;
  std::size_t slave = 0;
  std::string gateway;
};

struct InstanceSet {
  /// [0] is the top master, the others in depth-first order of the `slaves:` entries. A file
  /// reached twice (a slave read by two masters) is one instance.
  std::vector<Instance> instances;
  std::vector<InstanceReading> readings;  ///< in the order of the masters' `slaves:` entries
};

/// Loads `path` and every scenario file its `slaves:` reach. Throws ews::ValidationError with
/// every problem: each file's own (loader and installation rules), a slave file that cannot be
/// opened (at the `slaves[i].file` naming it), a loop of readings (at the entry closing it,
/// naming the whole loop: "a.yaml -> b.yaml -> a.yaml"), a slave whose `ews.modbus.tcpServer`
/// is OFF, and a virtual device whose Remote ID its slave does not serve.
InstanceSet loadInstances(const std::string& path);

}  // namespace ews::scenario
