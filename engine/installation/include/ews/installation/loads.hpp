#pragma once
// The loads of manual 7.16.2.2 and their ids.
//
// Six predefined loads after the French thermal regulation RT 2012 always exist (they can
// only be disabled), the user may add 8 more (14 loads at most), and three pseudo-loads
// carry what has no load: "Others" for electricity, "Water" and "Gas" for the water and
// gas pulse counters (their load "is automatically assigned").
//
// Ids are the EWS database ids a Master reads as Remote ID 2YYYY: predefined loads 1-6,
// user loads 7-14 in order of appearance, then the pseudo-loads at fixed ids 15-17 so that
// no user load ever moves them.
#include <array>
#include <optional>
#include <string_view>

#include "ews/installation/spec.hpp"

namespace ews::installation {

enum class LoadKind { Predefined, User, Others, Water, Gas };

inline constexpr std::array<std::string_view, 6> kPredefinedLoadNames = {
    "Heating", "Air conditioning", "Domestic hot water", "Lighting", "Ventilation", "Power sockets"};

inline constexpr std::string_view kOthersLoadName = "Others";
inline constexpr std::string_view kWaterLoadName = "Water";
inline constexpr std::string_view kGasLoadName = "Gas";

inline constexpr int kMaxUserLoads = 8;
inline constexpr int kMaxLoads = static_cast<int>(kPredefinedLoadNames.size()) + kMaxUserLoads;  // 14

inline constexpr int kFirstUserLoadId = static_cast<int>(kPredefinedLoadNames.size()) + 1;  // 7
inline constexpr int kOthersLoadId = kMaxLoads + 1;                                        // 15
inline constexpr int kWaterLoadId = kMaxLoads + 2;                                         // 16
inline constexpr int kGasLoadId = kMaxLoads + 3;                                           // 17

/// 1-based id of a predefined load, or nullopt when `name` is not one.
std::optional<int> predefinedLoadId(std::string_view name);

/// The pseudo-load a name designates (Others, Water, Gas), or nullopt.
std::optional<LoadKind> pseudoLoadKind(std::string_view name);

/// The load a device is on when none is given: Water or Gas for such counters, else Others.
LoadKind defaultLoadKind(Medium medium);

/// Name and id of a pseudo-load kind (Others, Water, Gas).
std::string_view pseudoLoadName(LoadKind kind);
int pseudoLoadId(LoadKind kind);

}  // namespace ews::installation
