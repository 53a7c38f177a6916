#include "ews/installation/loads.hpp"

namespace ews::installation {

std::optional<int> predefinedLoadId(std::string_view name) {
  for (std::size_t index = 0; index < kPredefinedLoadNames.size(); ++index) {
    if (kPredefinedLoadNames[index] == name) return static_cast<int>(index) + 1;
  }
  return std::nullopt;
}

std::optional<LoadKind> pseudoLoadKind(std::string_view name) {
  if (name == kOthersLoadName) return LoadKind::Others;
  if (name == kWaterLoadName) return LoadKind::Water;
  if (name == kGasLoadName) return LoadKind::Gas;
  return std::nullopt;
}

LoadKind defaultLoadKind(Medium medium) {
  switch (medium) {
    case Medium::Water: return LoadKind::Water;
    case Medium::Gas: return LoadKind::Gas;
    case Medium::Electricity: break;
  }
  return LoadKind::Others;
}

std::string_view pseudoLoadName(LoadKind kind) {
  switch (kind) {
    case LoadKind::Water: return kWaterLoadName;
    case LoadKind::Gas: return kGasLoadName;
    default: return kOthersLoadName;
  }
}

int pseudoLoadId(LoadKind kind) {
  switch (kind) {
    case LoadKind::Water: return kWaterLoadId;
    case LoadKind::Gas: return kGasLoadId;
    default: return kOthersLoadId;
  }
}

}  // namespace ews::installation
