// `tariffs:` - the bill of consumptions (manual 7.16.3): per energy, up to 5 tariffs with
// dated prices and the cost rules in evaluation order, or the single flat price of versions
// before 3.8.1 (migrated to the DEFAULT tariff). This file reads the notation; the rules
// between fields (how many tariffs and prices, dates among several prices, a rule's tariff,
// its days) are the tariff library's (tariff::problemsOf), reported here at the position of
// the field they name.
#include <fmt/format.h>

#include <array>
#include <cctype>

#include "ews/installation/catalogue.hpp"
#include "ews/tariff/validation.hpp"
#include "sections.hpp"

namespace ews::scenario::detail {

namespace {

using installation::Medium;
using tariff::CivilDate;

/// Where each field was written, by its full path ("tariffs.electricity.rules[2].tariff").
using Positions = installation::FieldLocs;

constexpr std::array<EnumName<unsigned>, 7> kDays{
    {{"mon", 1}, {"tue", 2}, {"wed", 3}, {"thu", 4}, {"fri", 5}, {"sat", 6}, {"sun", 0}}};

void keep(Positions& where, const MapReader& reader, const installation::FieldLocs& locs) {
  where[reader.path()] = reader.loc();
  for (const auto& [key, loc] : locs) where[reader.pathOf(key)] = loc;
}

/// `count` digits of `text` from `at`, or -1.
int digits(std::string_view text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (i >= text.size() || std::isdigit(static_cast<unsigned char>(text[i])) == 0) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

/// "YYYY-MM-DD", or "MM-DD" in a rule repeated every year. Calendar checks (2021-02-29) are
/// the validation's.
std::optional<CivilDate> asDate(DiagnosticSink& sink, const Located& v, bool monthDay) {
  const auto text = asString(sink, v);
  if (!text) return std::nullopt;
  const bool isMonthDay =
      text->size() == 5 && (*text)[2] == '-' && digits(*text, 0, 2) >= 0 && digits(*text, 3, 2) >= 0;
  const bool isFull = text->size() == 10 && (*text)[4] == '-' && (*text)[7] == '-' && digits(*text, 0, 4) >= 0 &&
                      digits(*text, 5, 2) >= 0 && digits(*text, 8, 2) >= 0;
  if (monthDay && isMonthDay) return CivilDate{0, unsigned(digits(*text, 0, 2)), unsigned(digits(*text, 3, 2))};
  if (!monthDay && isFull) {
    return CivilDate{digits(*text, 0, 4), unsigned(digits(*text, 5, 2)), unsigned(digits(*text, 8, 2))};
  }
  std::string reason;
  if (monthDay && isFull) {
    reason = fmt::format("a rule repeated every year takes month-day dates such as 12-25, got '{}'", *text);
  } else if (isMonthDay) {
    reason = fmt::format(
        "a date needs its year (YYYY-MM-DD); for the same days every year add repeatEveryYear: "
        "true, got '{}'",
        *text);
  } else {
    reason = fmt::format("expected a date {}, got '{}'", monthDay ? "MM-DD" : "YYYY-MM-DD", *text);
  }
  sink.error(v.loc, v.path, std::move(reason));
  return std::nullopt;
}

/// `dates: 2020-12-25` (one day) or `dates: [2020-03-01, 2020-03-31]` (first and last day).
void readDates(MapReader& entry, tariff::CostRule& rule) {
  const auto v = entry.get("dates");
  if (!v) return;
  DiagnosticSink& sink = entry.sink();
  if (!v->node.IsSequence()) {
    if (const auto day = asDate(sink, *v, rule.repeatEveryYear)) rule.dates = tariff::DateSpan{*day, *day};
    return;
  }
  const auto items = asList(sink, *v);
  if (!items || items->size() != 2) {
    sink.error(v->loc, v->path, "expected one date, or [first, last] days of a period");
    return;
  }
  const auto first = asDate(sink, (*items)[0], rule.repeatEveryYear);
  const auto last = asDate(sink, (*items)[1], rule.repeatEveryYear);
  if (first && last) rule.dates = tariff::DateSpan{*first, *last};
}

/// A minute of the day written "HH:MM", from 00:00 to 23:59.
std::optional<int> asMinute(DiagnosticSink& sink, const Located& v) {
  const auto offset = asTimeOfDay(sink, v);
  if (!offset) return std::nullopt;
  if (*offset % minutes(1) != Duration::zero() || *offset >= days(1)) {
    sink.error(v.loc, v.path,
               "a time frame names its first and last minutes, from 00:00 to 23:59 (\"19:00\" to "
               "\"23:59\" ends at midnight)");
    return std::nullopt;
  }
  return static_cast<int>(*offset / minutes(1));
}

/// `time: ["00:00", "18:59"]`: first and last minute, both included, as the manual writes them.
void readTimeFrame(MapReader& entry, tariff::TimeFrame& time) {
  const auto v = entry.get("time");
  if (!v) return;
  const auto items = asList(entry.sink(), *v);
  if (!items || items->size() != 2) {
    entry.sink().error(v->loc, v->path, "expected [first, last] minutes of the day, e.g. [\"00:00\", \"18:59\"]");
    return;
  }
  const auto first = asMinute(entry.sink(), (*items)[0]);
  const auto last = asMinute(entry.sink(), (*items)[1]);
  if (first && last) time = tariff::TimeFrame{*first, *last};
}

/// `days: [mon, tue, wed, thu, fri]`; absent: every day.
void readDays(MapReader& entry, tariff::WeekdaySet& days) {
  const auto v = entry.get("days");
  if (!v) return;
  const auto items = asList(entry.sink(), *v);
  if (!items) return;
  std::uint8_t bits = 0;
  for (const Located& item : *items) {
    const auto day = asEnum<unsigned>(entry.sink(), item, kDays);
    if (!day) return;
    if (((bits >> *day) & 1U) != 0) {
      entry.sink().error(item.loc, item.path, fmt::format("{} is listed twice", item.node.Scalar()));
    }
    bits = static_cast<std::uint8_t>(bits | (1U << *day));
  }
  days.bits = bits;  // an empty list is the validation's "at least one day"
}

tariff::Price readPrice(DiagnosticSink& sink, const Located& item, Positions& where) {
  tariff::Price price;
  installation::FieldLocs locs;
  MapReader entry(sink, item, &locs);
  // The range is the validation's (one message for files and code alike).
  if (entry.require("price")) entry.read("price", price.pricePerUnit, RealRange{-1e300, 1e300});
  if (const auto from = entry.get("from")) price.from = asDate(sink, *from, false);
  entry.reportUnknownKeys();
  keep(where, entry, locs);
  return price;
}

tariff::Tariff readTariff(DiagnosticSink& sink, const Located& item, std::size_t position, Positions& where) {
  tariff::Tariff t;
  installation::FieldLocs locs;
  MapReader entry(sink, item, &locs);
  if (entry.require("name")) entry.read("name", t.name);
  t.colour = std::string(tariff::defaultColour(position));
  entry.read("colour", t.colour);
  if (entry.require("prices")) {
    for (const Located& price : entry.list("prices")) t.prices.push_back(readPrice(sink, price, where));
  }
  entry.reportUnknownKeys();
  keep(where, entry, locs);
  return t;
}

tariff::CostRule readRule(DiagnosticSink& sink, const Located& item, Positions& where) {
  tariff::CostRule rule;
  installation::FieldLocs locs;
  MapReader entry(sink, item, &locs);
  if (entry.require("tariff")) entry.read("tariff", rule.tariff);
  entry.read("repeatEveryYear", rule.repeatEveryYear);  // before the dates: it decides their notation
  readDates(entry, rule);
  readTimeFrame(entry, rule.time);
  readDays(entry, rule.days);
  entry.reportUnknownKeys();
  keep(where, entry, locs);
  return rule;
}

void readEnergy(MapReader& section, Medium medium, tariff::EnergyTariffs& out, Positions& where) {
  installation::FieldLocs locs;
  MapReader energy = section.child(installation::mediumName(medium), &locs);
  DiagnosticSink& sink = energy.sink();
  double flatPrice = 0.0;
  if (energy.read("flatPrice", flatPrice, RealRange::atLeast(0.0))) {
    if (energy.has("tariffs") || energy.has("rules")) {
      energy.error("flatPrice",
                   "flatPrice is the single price of versions before 3.8.1 (it becomes the DEFAULT "
                   "tariff); write either it or tariffs and rules");
    }
    out = tariff::defaultTariffs(flatPrice);
  } else {
    const auto tariffs = energy.list("tariffs");
    for (std::size_t i = 0; i < tariffs.size(); ++i) out.tariffs.push_back(readTariff(sink, tariffs[i], i, where));
    for (const Located& rule : energy.list("rules")) out.rules.push_back(readRule(sink, rule, where));
  }
  energy.reportUnknownKeys();
  keep(where, energy, locs);
}

/// The position of `field`, or of the closest enclosing entry written in the file.
SourceLoc positionOf(const Positions& where, std::string field, const SourceLoc& fallback) {
  while (!field.empty()) {
    if (const auto found = where.find(field); found != where.end()) return found->second;
    const std::size_t parent = field.find_last_of(".[");
    field.resize(parent == std::string::npos ? 0 : parent);
  }
  return fallback;
}

}  // namespace

void readTariffs(MapReader& top, Scenario& scenario) {
  MapReader section = top.child("tariffs");
  scenario.tariffs.loc = section.loc();
  Positions where;
  for (const Medium medium : {Medium::Electricity, Medium::Water, Medium::Gas}) {
    tariff::EnergyTariffs& energy = scenario.tariffs.plan.of(medium);
    const std::size_t errorsBefore = section.sink().count();
    readEnergy(section, medium, energy, where);
    // A value that could not be read is missing from the plan: checking it would only repeat
    // that problem in other words.
    if (section.sink().count() != errorsBefore) continue;
    for (const tariff::PlanProblem& problem : tariff::problemsOf(energy, medium)) {
      const std::string field = section.pathOf(fmt::format("{}.{}", installation::mediumName(medium), problem.field));
      section.sink().error(positionOf(where, field, section.loc()), field, problem.reason);
    }
  }
  section.reportUnknownKeys();
}

}  // namespace ews::scenario::detail
