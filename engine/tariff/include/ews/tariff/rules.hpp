#pragma once
// Cost rule evaluation, in the site's local calendar (manual 7.16.3.1, IMPORTANT note):
// the rules are examined from the top down; the first one that is true decides, and the
// analysis stops until the end of the period that rule defines, so a rule below it cannot
// take over before then, and neither can one above it that becomes true meanwhile.
// Exceptions therefore belong at the top.
//
// The "period" of a true rule is its time frame on the current local day (docs/tariffs.md):
// it ends at the frame's last minute, at midnight at the latest, so every local day starts
// with a fresh top-down analysis and a day can be evaluated on its own.
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "ews/tariff/plan.hpp"

namespace ews::tariff {

/// Whether the rule's validity dates and days of the week hold on local day `day` (its time
/// frame aside). A rule repeated every year compares month and day only: a period whose last
/// day comes before its first wraps the year, and 29 February exists in leap years only.
bool holdsOn(const CostRule& rule, CivilDate day);

/// A stretch of one local day in clock minutes [startMinute, endMinute) (0..1440) and the
/// rule in force there (its position in the list), or none when no rule is true.
struct RuleStretch {
  int startMinute = 0;
  int endMinute = 0;
  std::optional<std::size_t> rule;
  friend bool operator==(const RuleStretch&, const RuleStretch&) = default;
};

/// The rules in force over local day `day`, covering 0..1440 in order. At each point where no
/// rule is in force (00:00, the end of the rule in force, the start of any rule's frame while
/// none is in force) the rules are examined top-down; the first true one is in force until
/// the end of its frame. Clock minutes: on a day of 23 or 25 hours the stretches are the
/// same; schedule.hpp maps them to UTC.
std::vector<RuleStretch> ruleStretchesOn(std::span<const CostRule> rules, CivilDate day);

/// The price of `tariff` on local day `day`: the price with the latest `from` on or before
/// the day, or the undated single price. Empty before the tariff's first price.
std::optional<double> priceOn(const Tariff& tariff, CivilDate day);

}  // namespace ews::tariff
