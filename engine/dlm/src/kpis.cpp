#include "ews/dlm/kpis.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "lines.hpp"

namespace ews::dlm {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr double kSecondsPerHour = 3600.0;

/// The session's end, or `end` while it is still connected.
Time endOf(const SessionKpis& session, Time end) { return session.endedAt == kNever ? end : session.endedAt; }

double waitOf(const SessionKpis& session, Time end) {
  const Time until = session.firstChargingAt != kNever ? session.firstChargingAt : endOf(session, end);
  return toSeconds(until - session.connectedAt);
}

}  // namespace

KpiCollector::KpiCollector(const Settings& settings)
    : settings_(settings),
      openByStation_(settings.stations.size(), kNone),
      linesDrawn_(settings.stations.size()) {}

SessionKpis* KpiCollector::openSession(std::size_t station) {
  if (station >= openByStation_.size() || openByStation_[station] == kNone) return nullptr;
  return &sessions_[openByStation_[station]];
}

void KpiCollector::onEvent(const DlmEvent& event) {
  using Kind = DlmEvent::Kind;
  if (event.kind == Kind::Zone || event.kind == Kind::FailSafe) return;
  if (event.kind == Kind::Connected && event.station < openByStation_.size()) {
    openByStation_[event.station] = sessions_.size();
    linesDrawn_[event.station] = detail::stationLines(settings_.stations[event.station]);
    sessions_.push_back({.station = event.station, .connectedAt = event.at});
  }
  SessionKpis* session = openSession(event.station);
  if (session == nullptr) return;
  session->chargeAh = event.chargeAh;  // the controller's figure is authoritative
  session->minReached = session->chargeAh >= settings_.minChargeAh;
  switch (event.kind) {
    case Kind::Disconnected:
      session->endedAt = event.at;
      session->waitS = waitOf(*session, event.at);
      openByStation_[event.station] = kNone;
      break;
    case Kind::ChargingBegan:
      session->firstChargingAt = event.at;
      session->waitS = waitOf(*session, event.at);
      break;
    case Kind::Reduced:
      ++session->reductions;
      break;
    case Kind::Stopped:
      ++session->stops;
      if (event.chargeAh < settings_.minChargeAh) ++session->stoppedBeforeMin;
      break;
    case Kind::Skipped:
      ++session->skipped;
      break;
    default:
      break;
  }
}

void KpiCollector::onDecision(const Observation& obs, Zone zone, bool sessionsHeldBack) {
  accumulate(totals_, obs.at);
  for (std::size_t station = 0; station < obs.stations.size() && station < openByStation_.size(); ++station) {
    SessionKpis* session = openSession(station);
    const StationObservation& seen = obs.stations[station];
    if (session == nullptr || seen.state == StationState::Unknown) continue;
    if (seen.state == StationState::Charging) {
      linesDrawn_[station] = detail::linesDrawing(seen.currentsA, linesDrawn_[station]);
    }
    session->energyWh = seen.sessionEnergyWh;
    session->chargeAh =
        detail::chargeAh(seen.sessionEnergyWh, settings_.voltageV, detail::lineCount(linesDrawn_[station]));
    session->minReached = session->chargeAh >= settings_.minChargeAh;
    if (session->firstChargingAt == kNever) session->waitS = waitOf(*session, obs.at);
  }
  const double worstA = obs.meter.valid ? detail::worstLineA(obs.meter.currentsA) : 0.0;
  if (obs.meter.valid) {
    totals_.peakSiteCurrentA = std::max(totals_.peakSiteCurrentA, worstA);
    totals_.overshootMaxA = std::max(totals_.overshootMaxA, worstA - settings_.maxCurrentA);
  }
  last_ = {.started = true,
           .at = obs.at,
           .zone = zone,
           .meterValid = obs.meter.valid,
           .worstA = worstA,
           .sessionsHeldBack = sessionsHeldBack};
}

void KpiCollector::accumulate(Totals& totals, Time until) const {
  if (!last_.started || until <= last_.at) return;
  const double spanS = toSeconds(until - last_.at);
  if (!last_.meterValid) {
    // Nothing is known of the currents: neither a zone nor an overshoot, and an overshoot
    // episode in progress is not assumed to go on.
    totals.failSafeS += spanS;
    totals.currentOvershootS = 0.0;
    return;
  }
  switch (last_.zone) {
    case Zone::Green: totals.greenS += spanS; break;
    case Zone::Yellow: totals.yellowS += spanS; break;
    case Zone::Red: totals.redS += spanS; break;
  }
  if (last_.sessionsHeldBack) {
    totals.headroomUnusedAs += std::max(0.0, settings_.maxChargingCurrentA - last_.worstA) * spanS;
    totals.heldBackS += spanS;
  }
  const double excessA = last_.worstA - settings_.maxCurrentA;
  if (excessA > 0.0) {
    totals.overshootS += spanS;
    totals.overshootAs += excessA * spanS;
    totals.currentOvershootS += spanS;
    totals.longestOvershootS = std::max(totals.longestOvershootS, totals.currentOvershootS);
  } else {
    totals.currentOvershootS = 0.0;
  }
}

RunKpis KpiCollector::finish(Time end) const {
  Totals totals = totals_;
  accumulate(totals, end);
  RunKpis kpis;
  kpis.greenS = totals.greenS;
  kpis.yellowS = totals.yellowS;
  kpis.redS = totals.redS;
  kpis.failSafeS = totals.failSafeS;
  kpis.peakSiteCurrentA = totals.peakSiteCurrentA;
  kpis.overshootMaxA = totals.overshootMaxA;
  kpis.overshootAs = totals.overshootAs;
  kpis.overshootS = totals.overshootS;
  kpis.longestOvershootS = totals.longestOvershootS;
  kpis.headroomUnusedAs = totals.headroomUnusedAs;
  kpis.heldBackS = totals.heldBackS;

  kpis.sessions = static_cast<int>(sessions_.size());
  std::vector<double> shares;
  shares.reserve(sessions_.size());
  double waitSumS = 0.0;
  for (const SessionKpis& session : sessions_) {
    kpis.energyDeliveredWh += session.energyWh;
    if (session.stops > 0) ++kpis.sessionsStoppedByDlm;
    if (session.stoppedBeforeMin > 0) ++kpis.sessionsStoppedBeforeMin;
    const double waitS = waitOf(session, end);
    waitSumS += waitS;
    kpis.maxWaitS = std::isnan(kpis.maxWaitS) ? waitS : std::max(kpis.maxWaitS, waitS);
    // Share: the mean current per phase over the time connected (Ah / h), as a fraction of
    // the station's rating, so a 16 A and a 32 A station at their ratings count as equal.
    const double connectedH = toSeconds(endOf(session, end) - session.connectedAt) / kSecondsPerHour;
    if (connectedH > 0.0) {
      shares.push_back(session.chargeAh / connectedH / settings_.stations[session.station].ratedCurrentA);
    }
  }
  if (!sessions_.empty()) kpis.meanWaitS = waitSumS / static_cast<double>(sessions_.size());
  kpis.jainIndex = jainIndex(shares);
  return kpis;
}

double jainIndex(std::span<const double> shares) {
  if (shares.empty()) return RunKpis::kUnknown;
  const double sum = std::accumulate(shares.begin(), shares.end(), 0.0);
  const double sumOfSquares = std::inner_product(shares.begin(), shares.end(), shares.begin(), 0.0);
  if (sumOfSquares == 0.0) return 1.0;
  return sum * sum / (static_cast<double>(shares.size()) * sumOfSquares);
}

std::vector<std::pair<std::string, double>> kpiColumns(const RunKpis& k) {
  const auto count = [](int n) { return static_cast<double>(n); };
  return {
      {"sessions", count(k.sessions)},
      {"energy_delivered_wh", k.energyDeliveredWh},
      {"sessions_stopped_by_dlm", count(k.sessionsStoppedByDlm)},
      {"sessions_stopped_before_min", count(k.sessionsStoppedBeforeMin)},
      {"mean_wait_s", k.meanWaitS},
      {"max_wait_s", k.maxWaitS},
      {"green_s", k.greenS},
      {"yellow_s", k.yellowS},
      {"red_s", k.redS},
      {"fail_safe_s", k.failSafeS},
      {"peak_site_current_a", k.peakSiteCurrentA},
      {"overshoot_max_a", k.overshootMaxA},
      {"overshoot_as", k.overshootAs},
      {"overshoot_s", k.overshootS},
      {"longest_overshoot_s", k.longestOvershootS},
      {"headroom_unused_as", k.headroomUnusedAs},
      {"held_back_s", k.heldBackS},
      {"jain_index", k.jainIndex},
      {"energy_requested_wh", k.energyRequestedWh},
      {"energy_unmet_wh", k.energyUnmetWh},
      {"sessions_ended_early", count(k.sessionsEndedEarly)},
  };
}

}  // namespace ews::dlm
