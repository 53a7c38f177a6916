#pragma once
// The controller's state for one station: the public SessionView plus the bookkeeping the
// decisions need (what was observed, the command taken on trust, the timers' anchors).
#include <array>
#include <cstdint>

#include "ews/dlm/controller.hpp"
#include "lines.hpp"

namespace ews::dlm::detail {

/// The last command sent to a station, taken on trust until `settleUntil` (docs/dlm.md,
/// "Prediction"): until then the station's draw is predicted from it, not measured.
struct PendingCommand {
  enum class Effect : std::uint8_t { None, Start, Lower, Raise, Stop };
  Effect effect = Effect::None;
  double setpointA = 0.0;
  Lines lines{};  ///< the lines the command acts on
  Time settleUntil{};
};

inline constexpr std::size_t kNoCommand = static_cast<std::size_t>(-1);

struct Session : SessionView {
  StationState state = StationState::Unknown;
  PhaseCurrents measuredA{};  ///< drawn per line as last read (kept while the station is Unknown)
  PhaseCurrents drawA{};      ///< predicted per line: measuredA unless a command is pending
  Lines linesDrawn{};         ///< the vehicle's lines at the last Charging observation
  bool everCharging = false;  ///< ChargingBegan already reported for this session
  Time authorisedAt{};
  bool chargingSinceAuthorised = false;
  PendingCommand pending;
  /// The last level change (raise or lowering), when, and the controller's zone epoch then:
  /// the no-reversal rule (docs/dlm.md, "No reversal within the hold time") keys on them.
  enum class Change : std::uint8_t { None, Raised, Lowered };
  Change lastChange = Change::None;
  Time lastChangeAt{};
  std::uint64_t lastChangeZoneEpoch = 0;
  /// Index of this decision's command to the station in the command list; kNoCommand if none.
  std::size_t commandIndex = kNoCommand;
};

/// Forgets the previous session and starts a new one at `at` (overrides cleared, the
/// station's default priority).
void beginSession(Session& session, const StationConfig& station, Time at);
/// The session is over: nothing of it may influence the next one.
void endSession(Session& session);
/// The draw the pending command predicts (measuredA when none is pending).
PhaseCurrents predictedDrawA(const Session& session);
/// The draw `command` would predict if it were sent now.
PhaseCurrents predictedDrawA(const Session& session, const PendingCommand& command);
/// Authorised and drawing: what the reductions, raises and stops act on.
inline bool running(const Session& session) {
  return session.connected && session.authorised && session.state == StationState::Charging;
}

}  // namespace ews::dlm::detail
