#pragma once
// Read-only connections to the site database for the consumption routes. A SQLite connection
// (and its prepared statements) serves one thread at a time, so each request leases one and
// gives it back: a connection is opened only when all are busy, and kept for later requests
// (opening one and preparing its statements costs more than a whole page's queries).
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "consumption_site.hpp"
#include "ews/sitedb/history_reader.hpp"

namespace ews::web::detail {

class HistoryConnections {
 public:
  struct Connection {
    explicit Connection(const std::filesystem::path& path)
        : db(path, sitedb::Database::Mode::ReadOnly), reader(db) {}
    sitedb::Database db;
    sitedb::HistoryReader reader;
  };

  /// A connection for the lease's life, given back when it ends.
  class Lease {
   public:
    Lease(HistoryConnections& owner, std::unique_ptr<Connection> connection)
        : owner_(owner), connection_(std::move(connection)) {}
    ~Lease() { owner_.giveBack(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    HistoryConnections& owner_;
    std::unique_ptr<Connection> connection_;
  };

  explicit HistoryConnections(std::filesystem::path databasePath) : path_(std::move(databasePath)) {}

  Lease lease();
  /// The configuration in force, parsed again only when a newer version was stored.
  std::shared_ptr<const ConsumptionSite> site(const sitedb::Database& db);

 private:
  void giveBack(std::unique_ptr<Connection> connection);

  std::filesystem::path path_;
  std::mutex mutex_;  ///< guards idle_ and site_
  std::vector<std::unique_ptr<Connection>> idle_;
  std::shared_ptr<const ConsumptionSite> site_;
};

}  // namespace ews::web::detail
