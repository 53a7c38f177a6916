#pragma once
// The box's HTTPS certificate (docs/design.md decision 15): generated at first start into the data folder
// (a self-signed certificate, as a box on a building's LAN has no public name), or the one the
// user provides. OpenSSL 3 (Debian's libssl) writes both PEM files.
#include <filesystem>
#include <string>
#include <vector>

namespace ews::web {

struct TlsFiles {
  std::filesystem::path certificate;  ///< PEM
  std::filesystem::path privateKey;   ///< PEM, mode 0600
};

/// The certificate in `folder` (`https-cert.pem`, `https-key.pem`), created when missing: an
/// ECDSA P-256 key and a self-signed certificate valid ten years for `names` (DNS names or IP
/// addresses; "localhost" and "127.0.0.1" are always added). Throws std::runtime_error naming
/// the file on failure.
TlsFiles ensureSelfSignedCertificate(const std::filesystem::path& folder, const std::vector<std::string>& names);

}  // namespace ews::web
