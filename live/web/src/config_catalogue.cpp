// The device families and models the configuration pages offer (manual 5 and 7.16.1.3), with
// what each model needs on its form (a phase, a side, a supply direction, positions) and
// allows (EQ device, Exclude alerts): the pages show the installation rules' own catalogue,
// never a copy of it.
#include <Poco/JSON/Array.h>

#include "config_routes.hpp"
#include "ews/installation/catalogue.hpp"
#include "ews/installation/limits.hpp"

namespace ews::web::detail {

namespace {
Poco::JSON::Object::Ptr modelJson(const installation::CatalogueModel& model) {
  Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
  json->set("model", std::string(model.number));
  json->set("description", std::string(model.description));
  json->set("measuresEnergy", model.measuresEnergy);
  json->set("hasThd", model.hasThd);
  json->set("pulseInputs", model.pulseInputCount);
  if (model.pulseMedium) json->set("medium", std::string(installation::mediumName(*model.pulseMedium)));
  json->set("singlePhase", model.singlePhase);
  json->set("twoSides", model.sidesShareAddress);
  json->set("needsSupply", model.needsSupply);
  json->set("raisesAlerts", model.raisesAlerts);
  return json;
}
}  // namespace

Poco::JSON::Object::Ptr catalogueJson() {
  Poco::JSON::Array::Ptr families = new Poco::JSON::Array;
  std::string last;
  Poco::JSON::Array::Ptr models;
  for (const installation::CatalogueModel& model : installation::catalogue()) {
    const std::string family(installation::familyName(model.family));
    if (family != last) {
      Poco::JSON::Object::Ptr entry = new Poco::JSON::Object;
      models = new Poco::JSON::Array;
      entry->set("family", family);
      entry->set("models", models);
      families->add(entry);
      last = family;
    }
    models->add(modelJson(model));
  }
  Poco::JSON::Array::Ptr concentrators = new Poco::JSON::Array;
  for (const installation::PulseConcentrator& host : installation::pulseConcentrators()) {
    Poco::JSON::Object::Ptr entry = new Poco::JSON::Object;
    entry->set("model", std::string(host.number));
    entry->set("description", std::string(host.description));
    entry->set("pulseInputs", host.pulseInputCount);
    concentrators->add(entry);
  }
  Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
  answer->set("families", families);
  answer->set("concentrators", concentrators);
  answer->set("localGatewayIp", std::string(installation::kLocalGatewayIp));
  answer->set("virtualDeviceAddress", installation::kVirtualDeviceAddress);
  return answer;
}

}  // namespace ews::web::detail
