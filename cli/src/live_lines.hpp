#pragma once
// The lines of `ews live`: a ThreadedLink over a TcpLink per physical gateway (or the endpoint
// --gateway gives it) and per virtual gateway (its slave EWS's Master/Slave server), an RtuLink
// on --serial for the Local one. One factory for both ways `ews live` runs (with --data through
// run::SiteHost, rebuilt on a configuration change; without, on the site file alone).
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "endpoint.hpp"
#include "ews/installation/installation.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/live/threaded_link.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/run/site_host.hpp"
#include "ews/scenario/scenario.hpp"

namespace ews::cli {

struct LiveLineOptions {
  std::map<std::string, Endpoint> gatewayEndpoints;  ///< --gateway NAME=HOST:PORT
  std::string serialDevice;                          ///< --serial, the Local gateway's port
  bool quiet = false;
};

/// The lines, stopped when destroyed.
class LiveLines final : public run::AttachedLines {
 public:
  ~LiveLines() override;
  std::vector<std::unique_ptr<live::ThreadedLink>> lines;
};

/// --gateway NAME=HOST:PORT values, checked against the installation. Prints the error and
/// returns nullopt on a malformed value or an unknown gateway.
std::optional<std::map<std::string, Endpoint>> parseGatewayOverrides(const std::vector<std::string>& values,
                                                                     const installation::Installation& installation);
/// False (and prints why) when the Local gateway has active devices but neither --serial nor
/// --gateway says how to reach them.
bool localGatewayReachable(const installation::Installation& installation, const LiveLineOptions& options);

/// The shipped register maps with the site's own (`siteDirectory`, may be empty) over them;
/// nullopt after printing every problem of the files to stderr.
std::optional<profiles::ProfileCatalogue> loadLiveProfiles(const std::string& siteDirectory);
/// Creates and attaches the lines of `installation`'s gateways to `ews`.
std::unique_ptr<LiveLines> attachLiveLines(Engine& engine, const scenario::Scenario& scenario,
                                           const installation::Installation& installation, stack::EwsStack& ews,
                                           const LiveLineOptions& options);

}  // namespace ews::cli
