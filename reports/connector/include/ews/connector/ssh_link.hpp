#pragma once
// One SSH connection of the connector (libssh): connect with a timeout, check the server's host
// key against the one recorded (trust on first use, docs/connector.md "Host keys"), log in with
// the password or the private key of the settings. Errors carry the server's or libssh's words.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "ews/kernel/time.hpp"
#include "ews/sitedb/known_hosts.hpp"
#include "ews/sitedb/settings.hpp"

struct ssh_session_struct;

namespace ews::connector {

/// A transfer that failed: what was being done and what the server or the network answered.
/// Never holds a password or a key.
class TransferError : public std::runtime_error {
 public:
  enum class Kind { Unreachable, HostKeyChanged, AuthenticationFailed, Remote };
  TransferError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

/// Called with the key a server presented when none is recorded for it (first use): the caller
/// records it. A key that differs from a recorded one never gets here: the link refuses it.
using HostKeyFirstUse = std::function<void(const sitedb::HostKey& seen)>;

class SshLink {
 public:
  /// Connects to settings.address:effectivePort() within `timeout`, checks the host key and
  /// authenticates. `known`: the recorded key, or nullopt, in which case `firstUse` is called
  /// with the key seen (to record it) before authenticating. Throws TransferError.
  SshLink(const sitedb::ConnectorSettings& settings, const std::optional<sitedb::HostKey>& known,
          const HostKeyFirstUse& firstUse, Duration timeout);
  ~SshLink();
  SshLink(const SshLink&) = delete;
  SshLink& operator=(const SshLink&) = delete;

  ssh_session_struct* session() const { return session_; }
  /// libssh's last error text on this session (the server's answer when it gave one).
  std::string lastError() const;
  const sitedb::HostKey& hostKey() const { return hostKey_; }

 private:
  void checkHostKey(const std::optional<sitedb::HostKey>& known, const HostKeyFirstUse& firstUse);
  void authenticate(const sitedb::ConnectorSettings& settings);

  ssh_session_struct* session_ = nullptr;
  std::string where_;  ///< "user@address:port", for messages
  sitedb::HostKey hostKey_;
};

}  // namespace ews::connector
