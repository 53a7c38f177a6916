#pragma once
// The web server's open connections and what each is doing, so that nobody can hold the box's
// pages hostage (docs/web-server.md, "Limits"). Poco serves a connection on one pool thread for
// its whole life: connections that connect and say nothing, or send a request a byte at a
// time, would take every thread. The table admits each new connection at accept time and, over
// a limit, shuts down the connection that gives way (its thread then returns at once):
//   1. one that has been reading a request for longer than the request timeout (slowloris),
//   2. an idle one that never sent a request,
//   3. the idle one silent for the longest,
// an idle one only once silent for a grace period, and never with bytes waiting to be read (a
// request arriving).
// A connection whose request is being answered (a live-update stream included) never gives way.
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ews::web::detail {

class ConnectionTable {
 public:
  using Clock = std::chrono::steady_clock;
  enum class State { Idle, Reading, Answering };

  struct Limits {
    std::size_t maxConnections = 96;  ///< all addresses (the pool's threads)
    std::size_t maxPerAddress = 64;   ///< one client address (IPv6: one /64)
    Clock::duration requestTimeout = std::chrono::seconds(10);
    /// An idle connection gives way only once silent this long: a client sends its request
    /// right after it connects and between requests a browser is silent for moments, while a
    /// connection that holds a place for nothing stays silent.
    Clock::duration silenceGrace = std::chrono::seconds(1);
  };

  /// What a connection is doing, written by its thread without a lock (three times a request)
  /// and read by the acceptor when it looks for a connection to give way.
  class Activity {
   public:
    void set(State state, Clock::time_point now) {
      since_.store(now.time_since_epoch().count(), std::memory_order_relaxed);
      state_.store(state, std::memory_order_release);
      if (state != State::Idle) spoke_.store(true, std::memory_order_relaxed);
    }
    State state() const { return state_.load(std::memory_order_acquire); }
    bool spoke() const { return spoke_.load(std::memory_order_relaxed); }
    Clock::time_point since() const {
      return Clock::time_point(Clock::duration(since_.load(std::memory_order_relaxed)));
    }

   private:
    std::atomic<State> state_{State::Idle};
    std::atomic<bool> spoke_{false};
    std::atomic<Clock::rep> since_{0};
  };

  explicit ConnectionTable(Limits limits) : limits_(limits) {}

  /// The acceptor thread, for a new connection: over its address's limit, one of that
  /// address's connections gives way if one can; with the table full, one of all gives way,
  /// and when none can, false (then the new connection is closed at once).
  bool admit(const Poco::Net::StreamSocket& socket, Clock::time_point now);
  /// The connection's thread, when it starts: where it tells what it is doing (a connection
  /// that gave way meanwhile gets one the table no longer reads).
  std::shared_ptr<Activity> activityOf(const Poco::Net::StreamSocket& socket);
  /// The connection's thread, before it closes its socket.
  void remove(const Poco::Net::StreamSocket& socket);
  /// Shuts every connection down (the server stops): each thread returns at once.
  void shutdownAll();
  std::size_t size() const;

 private:
  struct Entry {
    Poco::Net::StreamSocket socket;  ///< a copy: shut down from another thread when it gives way
    std::string address;             ///< the client address it counts against
    std::shared_ptr<Activity> activity;
  };
  /// The connection that gives way among those with `address` (all when empty); null if none.
  Entry* givesWay(const std::string& address, Clock::time_point now);
  void shutDown(const Poco::Net::SocketImpl* key);

  Limits limits_;
  mutable std::mutex mutex_;
  std::unordered_map<const Poco::Net::SocketImpl*, Entry> entries_;  ///< by the socket's impl
};

}  // namespace ews::web::detail
