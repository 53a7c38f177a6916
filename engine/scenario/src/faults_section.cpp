// `faults:` - communication faults injected over a time window (docs/design.md decision 5).
#include <fmt/format.h>

#include "sections.hpp"
#include "vocabulary.hpp"

namespace ews::scenario::detail {

namespace {

bool isPerTransaction(FaultSpec::Kind kind) {
  return kind == FaultSpec::Kind::Timeout || kind == FaultSpec::Kind::CrcError || kind == FaultSpec::Kind::Exception;
}

FaultSpec readFault(DiagnosticSink& sink, const Located& item, const RunSettings& run, const date::time_zone* zone) {
  FaultSpec fault;
  MapReader entry(sink, item, &fault.fieldLocs);
  fault.loc = entry.loc();
  const bool kindKnown = entry.require("kind") && entry.readEnum("kind", fault.kind, kFaultKinds);
  if (entry.require("target")) entry.read("target", fault.target);

  // No window: the whole run.
  fault.from = run.start;
  fault.to = run.start + run.duration;
  const bool fromOk = !entry.has("from") || entry.readDateTime("from", fault.from, zone);
  const bool toOk = !entry.has("to") || entry.readDateTime("to", fault.to, zone);
  if (fromOk && toOk && (entry.has("from") || entry.has("to")) && fault.to <= fault.from) {
    entry.error(entry.has("to") ? "to" : "from",
                fmt::format("the window must end after it starts (from {} to {} UTC)", formatUtc(fault.from),
                            formatUtc(fault.to)));
  }

  entry.read("probability", fault.probability, RealRange::between(0.0, 1.0));
  entry.readOneOf("exceptionCode", fault.exceptionCode, kExceptionCodes);
  if (kindKnown && !isPerTransaction(fault.kind) && entry.has("probability")) {
    entry.error("probability", "applies only to kinds timeout, crc and exception");
  }
  if (kindKnown && fault.kind != FaultSpec::Kind::Exception && entry.has("exceptionCode")) {
    entry.error("exceptionCode", "applies only to kind exception");
  }
  entry.reportUnknownKeys();
  return fault;
}

}  // namespace

void readFaults(MapReader& top, Scenario& scenario, const date::time_zone* zone) {
  for (const auto& item : top.list("faults")) scenario.faults.push_back(readFault(top.sink(), item, scenario.run, zone));
}

}  // namespace ews::scenario::detail
