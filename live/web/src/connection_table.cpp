#include "connection_table.hpp"

#include <Poco/Net/IPAddress.h>
#include <Poco/Net/SocketAddress.h>

#include <algorithm>
#include <tuple>

namespace ews::web::detail {

namespace {

/// The address a connection counts against: IPv4 (also IPv4-mapped), or an IPv6 /64 (a host
/// has a whole /64 to pick addresses from).
std::string addressKey(const Poco::Net::StreamSocket& socket) {
  try {
    Poco::Net::IPAddress host = socket.peerAddress().host();
    if (host.family() == Poco::Net::IPAddress::IPv6) {
      if (host.isIPv4Mapped()) return host.toString().substr(host.toString().rfind(':') + 1);
      host.mask(Poco::Net::IPAddress(64, Poco::Net::IPAddress::IPv6));
    }
    return host.toString();
  } catch (const Poco::Exception&) {
    return {};  // already reset by the peer: it counts against nobody
  }
}

bool pendingInput(const Poco::Net::StreamSocket& socket) {
  try {
    return socket.available() > 0;
  } catch (const Poco::Exception&) {
    return false;  // reset: nothing will come
  }
}

}  // namespace

bool ConnectionTable::admit(const Poco::Net::StreamSocket& socket, Clock::time_point now) {
  const std::lock_guard lock(mutex_);
  std::string address = addressKey(socket);
  const auto fromAddress = static_cast<std::size_t>(
      std::count_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e.second.address == address; }));
  // Over its address's limit, one of that address's connections gives way if one can; if all
  // of them are busy the newcomer may still take a free place of the table (the limit decides
  // whose connections go first, it does not refuse a machine whose requests are all under way).
  if (fromAddress >= limits_.maxPerAddress) {
    if (Entry* victim = givesWay(address, now)) shutDown(victim->socket.impl());
  }
  if (entries_.size() >= limits_.maxConnections) {
    Entry* victim = givesWay({}, now);
    if (victim == nullptr) return false;
    shutDown(victim->socket.impl());
  }
  auto activity = std::make_shared<Activity>();
  activity->set(State::Idle, now);
  entries_.emplace(socket.impl(), Entry{socket, std::move(address), std::move(activity)});
  return true;
}

std::shared_ptr<ConnectionTable::Activity> ConnectionTable::activityOf(const Poco::Net::StreamSocket& socket) {
  const std::lock_guard lock(mutex_);
  const auto entry = entries_.find(socket.impl());
  return entry == entries_.end() ? std::make_shared<Activity>() : entry->second.activity;
}

void ConnectionTable::remove(const Poco::Net::StreamSocket& socket) {
  const std::lock_guard lock(mutex_);
  entries_.erase(socket.impl());
}

void ConnectionTable::shutdownAll() {
  const std::lock_guard lock(mutex_);
  while (!entries_.empty()) shutDown(entries_.begin()->first);
}

std::size_t ConnectionTable::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

ConnectionTable::Entry* ConnectionTable::givesWay(const std::string& address, Clock::time_point now) {
  Entry* chosen = nullptr;
  using Rank = std::tuple<bool, bool, Clock::time_point>;  // (not stalled, spoke, since): smaller first
  Rank chosenRank;
  for (auto& [key, entry] : entries_) {
    if (!address.empty() && entry.address != address) continue;
    const State state = entry.activity->state();
    const Clock::time_point since = entry.activity->since();
    const bool stalled = state == State::Reading && now - since > limits_.requestTimeout;
    if (state != State::Idle && !stalled) continue;
    // Idle for a moment, or with bytes waiting to be read (a new connection's first request,
    // before its thread has read it), is not silence.
    if (state == State::Idle && (now - since < limits_.silenceGrace || pendingInput(entry.socket))) continue;
    const Rank rank(!stalled, entry.activity->spoke(), since);
    if (chosen == nullptr || rank < chosenRank) {
      chosen = &entry;
      chosenRank = rank;
    }
  }
  return chosen;
}

void ConnectionTable::shutDown(const Poco::Net::SocketImpl* key) {
  const auto entry = entries_.find(key);
  if (entry == entries_.end()) return;
  try {
    // Wakes the connection's thread (its poll or read returns at once); its own socket is
    // closed by that thread, which removes nothing more since the entry is gone.
    entry->second.socket.shutdown();
  } catch (const Poco::Exception&) {
    // Already reset by the peer: its thread is on its way out anyway.
  }
  entries_.erase(entry);
}

}  // namespace ews::web::detail
