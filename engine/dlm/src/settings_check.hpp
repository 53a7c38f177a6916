#pragma once
#include "ews/dlm/settings.hpp"

namespace ews::dlm::detail {

/// Throws std::invalid_argument naming the first inconsistent field.
void checkSettings(const Settings& settings);

}  // namespace ews::dlm::detail
