#pragma once
// The SSH host keys the connector trusts (docs/connector.md, "Host keys"): trust on first use.
// The first successful look at a server records its key's fingerprint; a later connection to
// the same address and port must present that key, or it is refused. Kept in the meta table
// (`connector_host_key:<address>:<port>`), so a backup carries them and a restore keeps them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ews/sitedb/database.hpp"

namespace ews::sitedb {

/// A server's key as recorded: its type ("ssh-ed25519") and SHA-256 fingerprint
/// ("SHA256:…", as `ssh-keygen -l` prints it).
struct HostKey {
  std::string type;
  std::string fingerprint;
  bool operator==(const HostKey&) const = default;
};

/// The key recorded for `address`:`port`, nullopt when the server was never trusted.
std::optional<HostKey> knownHostKey(const Database& db, std::string_view address, std::uint16_t port);
/// Records (or replaces: the user's "forget" then a new first use) the key of `address`:`port`.
void recordHostKey(const Database& db, std::string_view address, std::uint16_t port, const HostKey& key);
/// Forgets the key of `address`:`port` (the page's "Forget host key", after a server was
/// re-installed): the next connection trusts what it sees. Returns whether one was recorded.
bool forgetHostKey(const Database& db, std::string_view address, std::uint16_t port);

}  // namespace ews::sitedb
