#pragma once
// Shared by the configuration routes (config_routes.cpp) and their catalogue (config_catalogue.cpp).
#include <Poco/JSON/Object.h>

namespace ews::web::detail {

/// GET /api/v1/configuration/catalogue: families, models and concentrators (docs/api.md).
Poco::JSON::Object::Ptr catalogueJson();

}  // namespace ews::web::detail
