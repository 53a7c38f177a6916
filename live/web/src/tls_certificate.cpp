#include "ews/web/tls_certificate.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <set>

namespace ews::web {

namespace fs = std::filesystem;

namespace {
constexpr long kValidSeconds = 10L * 365 * 24 * 3600;

struct Deleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
  void operator()(X509* cert) const { X509_free(cert); }
  void operator()(X509_EXTENSION* ext) const { X509_EXTENSION_free(ext); }
  void operator()(std::FILE* file) const { std::fclose(file); }
};
template <class T>
using Owned = std::unique_ptr<T, Deleter>;

[[noreturn]] void fail(const fs::path& file, const std::string& what) {
  throw std::runtime_error(fmt::format("{}: cannot create the HTTPS certificate: {}", file.string(), what));
}

std::string subjectAltNames(const std::vector<std::string>& names) {
  std::set<std::string> all{"localhost", "127.0.0.1"};
  all.insert(names.begin(), names.end());
  std::string text;
  for (const std::string& name : all) {
    in_addr v4{};
    in6_addr v6{};
    const bool ip = inet_pton(AF_INET, name.c_str(), &v4) == 1 || inet_pton(AF_INET6, name.c_str(), &v6) == 1;
    text += fmt::format("{}{}:{}", text.empty() ? "" : ",", ip ? "IP" : "DNS", name);
  }
  return text;
}

void writePem(const fs::path& file, mode_t mode, const std::function<bool(std::FILE*)>& write) {
  const fs::path temporary = file.string() + ".tmp";
  const Owned<std::FILE> out(std::fopen(temporary.c_str(), "wb"));
  if (!out) fail(file, "cannot write");
  ::chmod(temporary.c_str(), mode);
  if (!write(out.get()) || std::fflush(out.get()) != 0) fail(file, "cannot write");
  fs::rename(temporary, file);
}
}  // namespace

TlsFiles ensureSelfSignedCertificate(const fs::path& folder, const std::vector<std::string>& names) {
  TlsFiles files{folder / "https-cert.pem", folder / "https-key.pem"};
  if (fs::exists(files.certificate) && fs::exists(files.privateKey)) return files;
  fs::create_directories(folder);
  const Owned<EVP_PKEY> key(EVP_EC_gen("P-256"));
  if (!key) fail(files.privateKey, "key generation failed");
  const Owned<X509> cert(X509_new());
  if (!cert) fail(files.certificate, "out of memory");
  X509_set_version(cert.get(), 2);  // v3: extensions
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) fail(files.certificate, "no random serial");
  serial[0] &= 0x7F;  // a positive serial number
  BIGNUM* number = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(number, X509_get_serialNumber(cert.get()));
  BN_free(number);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValidSeconds);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* subject = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Energy Web Server"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("ews-twin"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), subject);
  X509V3_CTX context;
  X509V3_set_ctx(&context, cert.get(), cert.get(), nullptr, nullptr, 0);
  const std::string san = subjectAltNames(names);
  for (const auto& [nid, value] : {std::pair<int, std::string>{NID_subject_alt_name, san},
                                   {NID_basic_constraints, "critical,CA:FALSE"},
                                   {NID_ext_key_usage, "serverAuth"}}) {
    const Owned<X509_EXTENSION> extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
    if (!extension || X509_add_ext(cert.get(), extension.get(), -1) != 1) fail(files.certificate, "bad extension " + value);
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) fail(files.certificate, "signing failed");
  writePem(files.privateKey, 0600, [&](std::FILE* out) {
    return PEM_write_PrivateKey(out, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
  });
  writePem(files.certificate, 0644, [&](std::FILE* out) { return PEM_write_X509(out, cert.get()) == 1; });
  return files;
}

}  // namespace ews::web
