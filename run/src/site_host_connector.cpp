// SiteHost's part of the Connector (docs/connector.md): the scheduler task on the site's zone,
// and the page's "Send now" posted to it.
#include "ews/run/site_host.hpp"

namespace ews::run {

void SiteHost::keepConnector(bool onWorkerThread) {
  ConnectorTask::Options options;
  options.onWorkerThread = onWorkerThread;
  connector_ = std::make_unique<ConnectorTask>(engine_, data_.db(), zone_,
                                               ConnectorTask::csvTreeTransfer(data_.folder(), zone_), options);
  connector_->start();
  connectorKept_ = true;
}

bool SiteHost::sendConnectorNow(const std::string& author) {
  if (!connectorKept_) return false;
  engine_.post([this, author] { connector_->sendNow(author); });
  return true;
}

}  // namespace ews::run
