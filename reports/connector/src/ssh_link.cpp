#include "ews/connector/ssh_link.hpp"

#include <libssh/libssh.h>

#include <fmt/format.h>

#include <memory>

namespace ews::connector {

namespace {
using Kind = TransferError::Kind;

struct KeyFree {
  void operator()(ssh_key key) const { ssh_key_free(key); }
};
using KeyPtr = std::unique_ptr<ssh_key_struct, KeyFree>;
}  // namespace

SshLink::SshLink(const sitedb::ConnectorSettings& settings, const std::optional<sitedb::HostKey>& known,
                 const HostKeyFirstUse& firstUse, Duration timeout)
    : session_(ssh_new()),
      where_(fmt::format("{}@{}:{}", settings.username, settings.address, settings.effectivePort())) {
  if (session_ == nullptr) throw TransferError(Kind::Unreachable, "libssh: cannot create a session");
  unsigned int port = settings.effectivePort();
  long timeoutSeconds = std::max<long>(1, static_cast<long>(timeout / seconds(1)));
  // The box's own ~/.ssh/config and known_hosts must not change what the settings say.
  int processConfig = 0;
  ssh_options_set(session_, SSH_OPTIONS_PROCESS_CONFIG, &processConfig);
  ssh_options_set(session_, SSH_OPTIONS_HOST, settings.address.c_str());
  ssh_options_set(session_, SSH_OPTIONS_PORT, &port);
  ssh_options_set(session_, SSH_OPTIONS_USER, settings.username.c_str());
  ssh_options_set(session_, SSH_OPTIONS_TIMEOUT, &timeoutSeconds);
  if (ssh_connect(session_) != SSH_OK) {
    const std::string error = lastError();
    ssh_free(session_);
    session_ = nullptr;
    throw TransferError(Kind::Unreachable, fmt::format("cannot connect to {}: {}", where_, error));
  }
  try {
    checkHostKey(known, firstUse);
    authenticate(settings);
  } catch (...) {
    ssh_disconnect(session_);
    ssh_free(session_);
    session_ = nullptr;
    throw;
  }
}

SshLink::~SshLink() {
  if (session_ == nullptr) return;
  ssh_disconnect(session_);
  ssh_free(session_);
}

std::string SshLink::lastError() const { return session_ != nullptr ? ssh_get_error(session_) : "no session"; }

void SshLink::checkHostKey(const std::optional<sitedb::HostKey>& known, const HostKeyFirstUse& firstUse) {
  ssh_key raw = nullptr;
  if (ssh_get_server_publickey(session_, &raw) != SSH_OK) {
    throw TransferError(Kind::Unreachable, fmt::format("{}: no host key: {}", where_, lastError()));
  }
  const KeyPtr key(raw);
  unsigned char* hash = nullptr;
  std::size_t hashBytes = 0;
  if (ssh_get_publickey_hash(key.get(), SSH_PUBLICKEY_HASH_SHA256, &hash, &hashBytes) != SSH_OK) {
    throw TransferError(Kind::Unreachable, fmt::format("{}: cannot hash the host key", where_));
  }
  char* fingerprint = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hashBytes);
  ssh_clean_pubkey_hash(&hash);
  if (fingerprint == nullptr) throw TransferError(Kind::Unreachable, fmt::format("{}: cannot format the host key", where_));
  hostKey_ = {ssh_key_type_to_char(ssh_key_type(key.get())), fingerprint};
  ssh_string_free_char(fingerprint);
  if (!known) {
    firstUse(hostKey_);
    return;
  }
  // Compared before any credential is sent: a server that changed its key gets no password.
  if (*known != hostKey_) {
    throw TransferError(Kind::HostKeyChanged,
                        fmt::format("{}: the host key changed: recorded {} {}, the server now shows {} {}; "
                                    "connection refused (forget the recorded key only if the server was "
                                    "really re-installed)",
                                    where_, known->type, known->fingerprint, hostKey_.type, hostKey_.fingerprint));
  }
}

void SshLink::authenticate(const sitedb::ConnectorSettings& settings) {
  if (settings.privateKey.isSet()) {
    ssh_key raw = nullptr;
    if (ssh_pki_import_privkey_base64(settings.privateKey.reveal().c_str(), nullptr, nullptr, nullptr, &raw) !=
        SSH_OK) {
      throw TransferError(Kind::AuthenticationFailed,
                          "the private key of the settings cannot be read (a passphrase-protected key is not "
                          "supported)");
    }
    const KeyPtr key(raw);
    if (ssh_userauth_publickey(session_, nullptr, key.get()) == SSH_AUTH_SUCCESS) return;
    throw TransferError(Kind::AuthenticationFailed,
                        fmt::format("{}: the server refused the private key: {}", where_, lastError()));
  }
  const std::string& password = settings.password.reveal();
  if (ssh_userauth_password(session_, nullptr, password.c_str()) == SSH_AUTH_SUCCESS) return;
  // Servers with PasswordAuthentication off often ask the same password keyboard-interactively.
  int rc = ssh_userauth_kbdint(session_, nullptr, nullptr);
  for (int round = 0; rc == SSH_AUTH_INFO && round < 4; ++round) {
    const int prompts = ssh_userauth_kbdint_getnprompts(session_);
    for (int i = 0; i < prompts; ++i) ssh_userauth_kbdint_setanswer(session_, static_cast<unsigned>(i), password.c_str());
    rc = ssh_userauth_kbdint(session_, nullptr, nullptr);
  }
  if (rc == SSH_AUTH_SUCCESS) return;
  throw TransferError(Kind::AuthenticationFailed,
                      fmt::format("{}: the server refused the user name or password: {}", where_, lastError()));
}

}  // namespace ews::connector
