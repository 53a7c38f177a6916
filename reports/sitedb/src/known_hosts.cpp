#include "ews/sitedb/known_hosts.hpp"

#include <fmt/format.h>

namespace ews::sitedb {

namespace {
std::string metaKey(std::string_view address, std::uint16_t port) {
  return fmt::format("connector_host_key:{}:{}", address, port);
}
}  // namespace

std::optional<HostKey> knownHostKey(const Database& db, std::string_view address, std::uint16_t port) {
  const auto stored = db.meta(metaKey(address, port));
  if (!stored || stored->empty()) return std::nullopt;
  // "<type> <fingerprint>": neither part has a space.
  const auto space = stored->find(' ');
  if (space == std::string::npos) return HostKey{"", *stored};
  return HostKey{stored->substr(0, space), stored->substr(space + 1)};
}

void recordHostKey(const Database& db, std::string_view address, std::uint16_t port, const HostKey& key) {
  db.setMeta(metaKey(address, port), fmt::format("{} {}", key.type, key.fingerprint));
}

bool forgetHostKey(const Database& db, std::string_view address, std::uint16_t port) {
  const bool known = knownHostKey(db, address, port).has_value();
  db.prepare("DELETE FROM meta WHERE key = ?").bind(1, metaKey(address, port)).run();
  return known;
}

}  // namespace ews::sitedb
