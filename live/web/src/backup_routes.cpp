// Backup and Restore (manual 9; docs/backup.md, docs/settings.md): make database.zip, download
// it, and restore an uploaded one. An upload is checked completely (sitedb::restore with
// checkOnly: zip structure, names, manifest, checksums, schema, integrity) while the site runs;
// a bad archive is refused with what is wrong and nothing in the data folder changes. A good one
// is handed to the SiteControl: the site stops, the archive is swapped in, the site and these
// pages start again on it. Administrator and greenUp only (Right::backupManager).
#include <Poco/JSON/Object.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "ews/sitedb/backup.hpp"
#include "ews/sitedb/tokens.hpp"
#include "web_state.hpp"

namespace ews::web::detail {

namespace fs = std::filesystem;

namespace {
fs::path dataDirOf(const WebState& state) { return state.db.path().parent_path(); }

std::string utcSeconds(Time t) { return formatUtc(t).substr(0, 19) + "Z"; }

Poco::JSON::Object::Ptr manifestJson(const sitedb::Manifest& manifest) {
  Poco::JSON::Object::Ptr json = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  json->set("created_at", utcSeconds(manifest.createdAt));
  json->set("ews_version", manifest.ewsVersion);
  json->set("schema_version", manifest.schemaVersion);
  if (manifest.configVersion) json->set("config_version", *manifest.configVersion);
  json->set("files", manifest.files.size());
  return json;
}

/// Removes the uploaded file whatever happens, unless released (handed to the restart).
class UploadedArchive {
 public:
  UploadedArchive(const fs::path& dataDir, const std::string& bytes)
      : path_(dataDir / fmt::format(".restore-upload-{}.zip", sitedb::randomToken(12))) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      remove();
      throw ApiError(507, "storage", fmt::format("the uploaded archive could not be written into {}", dataDir.string()));
    }
  }
  ~UploadedArchive() { remove(); }
  UploadedArchive(const UploadedArchive&) = delete;
  UploadedArchive& operator=(const UploadedArchive&) = delete;

  const fs::path& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  void remove() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove(path_, ignored);
  }
  fs::path path_;
};

/// "<dir>/.restore-upload-x.zip: what" as the user knows the file: "database.zip: what".
std::string uploadMessage(const std::string& what, const fs::path& upload) {
  const std::string prefix = upload.string() + ": ";
  const std::string reason = what.starts_with(prefix) ? what.substr(prefix.size()) : what;
  return fmt::format("{}: {}", sitedb::kBackupArchiveName, reason);
}
}  // namespace

void addBackupRoutes(WebState& state) {
  const Right right = Right::backupManager();

  state.router.add({"POST", "/api/v1/backup", right, [&state](const ApiRequest&, ApiReply& reply) {
                      const std::lock_guard lock(state.archiveMutex);
                      sitedb::BackupOptions options;
                      options.ewsVersion = EWS_VERSION;
                      sitedb::BackupResult result;
                      try {
                        result = sitedb::backup(dataDirOf(state), state.clock(), options);
                      } catch (const sitedb::BackupError& error) {
                        throw ApiError(500, "backup-failed", error.what());
                      }
                      Poco::JSON::Object::Ptr json = manifestJson(result.manifest);
                      json->set("archive_bytes", result.archiveBytes);
                      json->set("database_bytes", result.databaseBytes);
                      json->set("csv_files", result.csvFiles);
                      json->set("csv_bytes", result.csvBytes);
                      reply.setJson(json);
                    }, {}});

  state.router.add({"GET", "/api/v1/backup/database.zip", right, [&state](const ApiRequest&, ApiReply& reply) {
                      const fs::path archive = dataDirOf(state) / sitedb::kBackupArchiveName;
                      const std::lock_guard lock(state.archiveMutex);
                      std::ifstream in(archive, std::ios::binary);
                      if (!in) throw ApiError(404, "not-found", "no database.zip yet: make a backup first");
                      reply.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
                      reply.contentType = "application/zip";
                      reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"database.zip\"");
                    }, {}});

  Route restore{"POST", "/api/v1/restore", right, [&state](const ApiRequest& request, ApiReply& reply) {
                  if (request.body.empty()) {
                    throw ApiError(400, "bad-request", "the body must be the database.zip file to restore", "archive");
                  }
                  SiteControl* control = state.control.load();
                  if (control == nullptr) {
                    throw ApiError(503, "unavailable", "a restore needs the site: this server runs without one");
                  }
                  const std::lock_guard lock(state.archiveMutex);
                  UploadedArchive upload(dataDirOf(state), request.body);
                  sitedb::RestoreOptions options;
                  options.checkOnly = true;  // no lock taken: the site keeps running meanwhile
                  sitedb::RestoreResult checked;
                  try {
                    checked = sitedb::restore(dataDirOf(state), upload.path(), state.clock(), options);
                  } catch (const sitedb::ArchiveRejected& error) {
                    throw ApiError(422, "invalid", uploadMessage(error.what(), upload.path()), "archive");
                  } catch (const sitedb::BackupError& error) {
                    throw ApiError(507, "storage", uploadMessage(error.what(), upload.path()));
                  }
                  try {
                    control->restoreAndRestart(upload.path(), request.session->user);
                  } catch (const std::runtime_error& error) {
                    throw ApiError(503, "unavailable", error.what());
                  }
                  upload.release();
                  Poco::JSON::Object::Ptr json = manifestJson(checked.manifest);
                  json->set("restarting", true);
                  reply.setJson(json, 202);
                }, {}};
  restore.maxBodyBytes = state.config.maxUploadBytes;
  state.router.add(std::move(restore));
}

}  // namespace ews::web::detail
