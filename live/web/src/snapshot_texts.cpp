#include "snapshot_texts.hpp"

#include <fmt/format.h>

#include "ews/reports/json_writer.hpp"

namespace ews::web::detail {

namespace {
std::string_view statusName(acquisition::DeviceStatus status) {
  switch (status) {
    case acquisition::DeviceStatus::On: return "on";
    case acquisition::DeviceStatus::CommunicationError: return "communication-error";
    case acquisition::DeviceStatus::Off: break;
  }
  return "off";
}

// Written with fmt rather than through a JSON object tree: a 255-device snapshot is ~25 000
// values a second, and the texts must be ready well within that second.
std::string quoted(std::string_view text) { return "\"" + reports::JsonWriter::escape(text) + "\""; }

std::string overviewJson(const stack::LiveSnapshot* snapshot) {
  if (snapshot == nullptr) return R"({"at":null,"dlm":null,"devices":[]})";
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), R"({{"at":"{}","configVersion":{},"sequence":{},"dlm":)", formatUtc(snapshot->at),
                 snapshot->configVersion, snapshot->sequence);
  if (snapshot->dlmZone.empty()) {
    fmt::format_to(std::back_inserter(out), "null");
  } else {
    fmt::format_to(std::back_inserter(out), R"({{"zone":{}}})", quoted(snapshot->dlmZone));
  }
  fmt::format_to(std::back_inserter(out), R"(,"devices":[)");
  bool first = true;
  for (const auto& device : snapshot->devices) {
    fmt::format_to(std::back_inserter(out), R"({}{{"id":{},"name":{},"status":"{}"}})", first ? "" : ",", device.id,
                   quoted(device.name), statusName(device.status));
    first = false;
  }
  fmt::format_to(std::back_inserter(out), "]}}");
  return fmt::to_string(out);
}

std::string deviceJson(const stack::LiveSnapshot& snapshot, const stack::LiveSnapshot::Device& device) {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), R"({{"at":"{}","sequence":{},"id":{},"name":{},"status":"{}","values":{{)",
                 formatUtc(snapshot.at), snapshot.sequence, device.id, quoted(device.name), statusName(device.status));
  bool first = true;
  for (const auto& value : device.values) {
    // fmt's shortest round-trip form of the double: exact, no exponent surprises for JSON.
    fmt::format_to(std::back_inserter(out), R"({}{}:{{"value":{},"at":"{}"{}}})", first ? "" : ",", quoted(value.quantity),
                   value.value, formatUtc(value.at), value.stale ? R"(,"stale":true)" : "");
    first = false;
  }
  fmt::format_to(std::back_inserter(out), "}}}}");
  return fmt::to_string(out);
}
}  // namespace

SnapshotTexts::Texts textsOf(const stack::LiveSnapshot* snapshot) {
  SnapshotTexts::Texts texts;
  texts.sequence = snapshot != nullptr ? snapshot->sequence : 0;
  texts.overview = std::make_shared<const std::string>(overviewJson(snapshot));
  if (snapshot != nullptr) {
    for (const auto& device : snapshot->devices) {
      texts.devices[device.id] = std::make_shared<const std::string>(deviceJson(*snapshot, device));
    }
  }
  return texts;
}

SnapshotTexts::SnapshotTexts(const stack::SnapshotBoard& board, std::chrono::milliseconds poll)
    : board_(board), texts_(std::make_shared<const Texts>(textsOf(board.latest().get()))) {
  worker_ = std::thread([this, poll] { run(poll); });
}

SnapshotTexts::~SnapshotTexts() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stopped_.notify_all();
  worker_.join();
}

std::shared_ptr<const SnapshotTexts::Texts> SnapshotTexts::current() const {
  const std::lock_guard lock(mutex_);
  return texts_;
}

void SnapshotTexts::run(std::chrono::milliseconds poll) {
  std::unique_lock lock(mutex_);
  while (!stopped_.wait_for(lock, poll, [this] { return stopping_; })) {
    const auto snapshot = board_.latest();
    if (!snapshot || snapshot->sequence == texts_->sequence) continue;
    lock.unlock();
    auto texts = std::make_shared<const Texts>(textsOf(snapshot.get()));
    lock.lock();
    texts_ = std::move(texts);
  }
}

}  // namespace ews::web::detail
