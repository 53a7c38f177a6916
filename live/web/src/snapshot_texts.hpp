#pragma once
// The JSON of the latest snapshot (docs/api.md: the site's overview and each device's values),
// made once per snapshot by a thread of its own: requests only pick the texts up, so no request
// waits for (or spends its time on) serialising 255 devices.
#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "ews/stack/live_snapshot.hpp"

namespace ews::web::detail {

class SnapshotTexts {
 public:
  /// Watches `board` (which must outlive the object) every `poll` for a new snapshot.
  explicit SnapshotTexts(const stack::SnapshotBoard& board, std::chrono::milliseconds poll = std::chrono::milliseconds(100));
  ~SnapshotTexts();
  SnapshotTexts(const SnapshotTexts&) = delete;
  SnapshotTexts& operator=(const SnapshotTexts&) = delete;

  struct Texts {
    std::uint64_t sequence = 0;  ///< the snapshot's; 0 before the first
    std::shared_ptr<const std::string> overview;
    std::shared_ptr<const std::string> greenUp;  ///< the Green'Up pages' stations and DLM state
    std::shared_ptr<const std::string> links;  ///< the Link functionality page's links (link_texts.hpp)
    std::map<int, std::shared_ptr<const std::string>> devices;
  };
  /// The texts of the latest snapshot serialised so far (never null).
  std::shared_ptr<const Texts> current() const;

 private:
  void run(std::chrono::milliseconds poll);

  const stack::SnapshotBoard& board_;
  mutable std::mutex mutex_;
  std::condition_variable stopped_;
  bool stopping_ = false;
  std::shared_ptr<const Texts> texts_;
  std::thread worker_;
};

/// `text` as a JSON string, quotes included (the snapshot texts are written with fmt).
std::string quoted(std::string_view text);
/// A device's status as the pages name it ("on", "station-failure", "communication-error",
/// "configuration-error", "off"; manual 8.2.1).
std::string_view statusName(const stack::LiveSnapshot::Device& device);

/// The texts of one snapshot (nullptr: none published yet), for the worker and for tests.
SnapshotTexts::Texts textsOf(const stack::LiveSnapshot* snapshot);

}  // namespace ews::web::detail
