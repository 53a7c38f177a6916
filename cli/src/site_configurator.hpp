#pragma once
// The System configuration pages' view of a running site (web::SiteConfiguration): a change
// is checked against the version in force, validated and stored by the configuration service
// and applied with SiteHost::reconfigure, all in one task on the engine's thread, so a save
// never races a poll, a snapshot or another save; the Test button is the poller's probe, also
// run on the engine's thread.
#include <memory>
#include <mutex>

#include "ews/installation/spec.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/run/site_data.hpp"
#include "ews/run/site_host.hpp"
#include "ews/web/site_configuration.hpp"

namespace ews::cli {


class SiteConfigurator final : public web::SiteConfiguration {
 public:
  /// `engine`, `data` and `host` must outlive the object; `host` runs on `engine`.
  SiteConfigurator(Engine& engine, run::SiteData& data, run::SiteHost& host);

  web::ConfigurationState current() const override;
  web::SaveOutcome save(int baseVersion, const std::string& author, const std::string& summary,
                        const std::vector<web::ConfigurationEdit>& edits) override;
  void test(int gateway, std::optional<int> device, std::function<void(web::TestOutcome)> done) override;

 private:
  /// Engine thread: the state the pages read, from the configuration in force.
  void publish(const run::SiteConfig& config);

  Engine& engine_;
  run::SiteData& data_;
  run::SiteHost& host_;
  mutable std::mutex mutex_;  ///< guards state_ (read by the web server's threads)
  web::ConfigurationState state_;
};

}  // namespace ews::cli
