// The consumption pages' routes (manual 8.2.2, docs/api.md "Consumptions"): Grand total by
// load, Overall, Partials, Compare, Details, Tariffs Total and Details, and datalogger.csv, all
// read from the site database through the pages' shared queries (history::HistoryQueries) on
// read-only connections, in the site's time zone.
#include <Poco/JSON/Array.h>
#include <fmt/format.h>

#include <utility>
#include <vector>

#include "consumption_histogram.hpp"
#include "datalogger_csv.hpp"
#include "history_connections.hpp"
#include "request_snapshot.hpp"
#include "web_state.hpp"

namespace ews::web::detail {

namespace {
using history::SeriesKey;
using history::SeriesKind;
using installation::Medium;

/// What every page's handler works with: the site in force, its queries, the period asked.
struct PageContext {
  const ConsumptionSite& site;
  const history::HistoryQueries& queries;
  const PeriodView& period;

  std::vector<history::BucketValue> bars(SeriesKey key) const { return period.bars(queries, key); }
  std::vector<history::BucketValue> previousBars(SeriesKey key) const { return period.previous().bars(queries, key); }
  const std::vector<tariff::Tariff>& tariffsOf(const ConsumptionSubject& subject) const {
    static const std::vector<tariff::Tariff> kNone;
    return subject.key.kind == SeriesKind::GasWhEquivalent ? kNone : site.tariffsOf(subject.medium);
  }
  /// The subject's cost over all its energy's tariffs, bar by bar (`previous`: the previous period).
  std::vector<history::BucketValue> costBars(const ConsumptionSubject& subject, bool previous) const {
    std::vector<std::vector<history::BucketValue>> perTariff;
    for (std::size_t position = 0; position < tariffsOf(subject).size(); ++position) {
      const SeriesKey key = SeriesKey::cost(subject.key, position);
      perTariff.push_back(previous ? previousBars(key) : bars(key));
    }
    return sumOfBars(perTariff);
  }
  void addSubject(HistogramAnswer& answer, const ConsumptionSubject& subject) const {
    answer.add(subjectName(subject.key), subject.name, gapRuleOf(subject.key), bars(subject.key),
               previousBars(subject.key));
  }
};

std::string unitOf(Medium medium) { return medium == Medium::Electricity ? "Wh" : "dm3"; }

Poco::Dynamic::Var valueOrNull(const std::optional<double>& value) {
  if (!value) return Poco::Dynamic::Var();
  return *value;
}

Poco::JSON::Object::Ptr subjectJson(const ConsumptionSubject& subject) {
  Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
  item->set("key", subjectName(subject.key));
  item->set("id", subject.key.id);
  item->set("name", subject.name);
  item->set("medium", std::string(installation::mediumName(subject.medium)));
  if (subject.key.kind == SeriesKind::Device) {
    item->set("address", subject.address);
    item->set("virtual", subject.virtualDevice);
  }
  return item;
}

Poco::JSON::Array::Ptr subjectsJson(const std::vector<ConsumptionSubject>& list) {
  Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
  for (const auto& subject : list) array->add(subjectJson(subject));
  return array;
}

Poco::JSON::Array::Ptr tariffsJson(const std::vector<tariff::Tariff>& tariffs) {
  Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
  for (std::size_t position = 0; position < tariffs.size(); ++position) {
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
    item->set("position", static_cast<int>(position));
    item->set("name", tariffs[position].name);
    item->set("colour", tariffs[position].colour.empty() ? std::string(tariff::defaultColour(position)) : tariffs[position].colour);
    array->add(item);
  }
  return array;
}

Poco::JSON::Object::Ptr siteJson(const ConsumptionSite& site, const sitedb::Database& db) {
  Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
  answer->set("configVersion", site.version);
  answer->set("timeZone", site.zone.name());
  answer->set("currency", site.currency);
  answer->set("gasKWhPerM3", site.gasKWhPerM3);
  Poco::JSON::Object::Ptr csv = new Poco::JSON::Object;
  csv->set("decimalSeparator", std::string(1, site.csv.decimalSeparator));
  csv->set("fieldSeparator", std::string(1, site.csv.fieldSeparator));
  answer->set("csv", csv);
  // The pages open on the day of the latest stored sample (a twin's virtual time may be far
  // from the wall clock); the sample closing a day counts for that day.
  if (const auto last = db.metaTime("last_sample_us")) {
    answer->set("lastSampleAt", formatUtc(*last));
    answer->set("latestDate", site.zone.format(*last - microseconds(1), "%F"));
  } else {
    answer->set("lastSampleAt", Poco::Dynamic::Var());
    answer->set("latestDate", Poco::Dynamic::Var());
  }
  answer->set("devices", subjectsJson(site.devices));
  answer->set("loads", subjectsJson(site.loads));
  answer->set("groups", subjectsJson(site.groups));
  Poco::JSON::Object::Ptr tariffs = new Poco::JSON::Object;
  for (const Medium medium : {Medium::Electricity, Medium::Water, Medium::Gas}) {
    tariffs->set(std::string(installation::mediumName(medium)), tariffsJson(site.tariffsOf(medium)));
  }
  answer->set("tariffs", tariffs);
  return answer;
}

/// Grand total (8.2.2.1): the electricity total and each electrical load, as one histogram.
Poco::JSON::Object::Ptr grandTotal(const PageContext& page) {
  HistogramAnswer answer(page.period, "Wh");
  page.addSubject(answer, page.site.subject("total", "subject"));
  for (const auto& load : page.site.loads) {
    if (load.medium == Medium::Electricity) page.addSubject(answer, load);
  }
  return answer.json();
}

/// Overall (8.2.2.1): electricity, gas (and its Wh equivalent) and water, in units and currency.
Poco::JSON::Object::Ptr overall(const PageContext& page) {
  Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
  answer->set("period", page.period.kindText());
  answer->set("date", page.period.text());
  answer->set("previousDate", page.period.previous().text());
  answer->set("currency", page.site.currency);
  Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
  for (const char* name : {"total", "gas", "gas-wh", "water"}) {
    const ConsumptionSubject subject = page.site.subject(name, "subject");
    const GapRule rule = gapRuleOf(subject.key);
    const auto current = totalOf(page.bars(subject.key), rule);
    const auto previous = totalOf(page.previousBars(subject.key), rule);
    Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
    row->set("key", subjectName(subject.key));
    row->set("medium", std::string(installation::mediumName(subject.key.kind == SeriesKind::GasWhEquivalent ? Medium::Gas : subject.medium)));
    row->set("unit", unitOf(subject.medium));
    row->set("display", displayUnit(unitOf(subject.medium), std::max(std::abs(current.value_or(0.0)),
                                                                      std::abs(previous.value_or(0.0)))));
    row->set("total", valueOrNull(current));
    row->set("previousTotal", valueOrNull(previous));
    const bool billed = !page.tariffsOf(subject).empty();
    row->set("billed", billed);
    row->set("cost", billed ? valueOrNull(totalOf(page.costBars(subject, false), rule)) : Poco::Dynamic::Var());
    row->set("previousCost", billed ? valueOrNull(totalOf(page.costBars(subject, true), rule)) : Poco::Dynamic::Var());
    rows->add(row);
  }
  answer->set("rows", rows);
  return answer;
}

/// Partials (8.2.2.2): "groups" (every electrical group), "loads" (every electrical load), or
/// one group or load ("group-2", "load-16": water and gas loads in dm3).
Poco::JSON::Object::Ptr partials(const PageContext& page, const std::string& which) {
  if (which == "groups" || which == "loads") {
    HistogramAnswer answer(page.period, "Wh");
    for (const auto& subject : which == "groups" ? page.site.groups : page.site.loads) {
      if (subject.medium == Medium::Electricity) page.addSubject(answer, subject);
    }
    return answer.json();
  }
  if (!which.starts_with("group-") && !which.starts_with("load-")) {
    throw ApiError(422, "invalid", fmt::format("'{}' is none of groups, loads, group-ID, load-ID", which), "subject");
  }
  const ConsumptionSubject subject = page.site.subject(which, "subject");
  HistogramAnswer answer(page.period, unitOf(subject.medium));
  page.addSubject(answer, subject);
  return answer.json();
}

ConsumptionSubject deviceOf(const ConsumptionSite& site, const std::string& text, const std::string& field) {
  if (!text.starts_with("device-")) {
    throw ApiError(422, "invalid", fmt::format("'{}' is not a device (device-ID)", text), field);
  }
  return site.subject(text, field);
}

/// Compare (8.2.2.3): two devices in their unit, or in the currency when their energies differ
/// (the manual: non-homogeneous devices compare only by cost).
Poco::JSON::Object::Ptr compare(const PageContext& page, const std::string& firstText, const std::string& secondText) {
  const ConsumptionSubject first = deviceOf(page.site, firstText, "first");
  const ConsumptionSubject second = deviceOf(page.site, secondText, "second");
  if (first.medium == second.medium) {
    HistogramAnswer answer(page.period, unitOf(first.medium));
    page.addSubject(answer, first);
    page.addSubject(answer, second);
    Poco::JSON::Object::Ptr json = answer.json();
    json->set("basis", "units");
    return json;
  }
  for (const auto* subject : {&first, &second}) {
    if (page.tariffsOf(*subject).empty()) {
      throw ApiError(422, "invalid",
                     fmt::format("{} and {} measure different energies and compare only by cost, but {} has no tariff",
                                 first.name, second.name, std::string(installation::mediumName(subject->medium))),
                     subject == &first ? "first" : "second");
    }
  }
  HistogramAnswer answer(page.period, page.site.currency);
  for (const auto* subject : {&first, &second}) {
    answer.add(subjectName(subject->key), subject->name, gapRuleOf(subject->key), page.costBars(*subject, false),
               page.costBars(*subject, true));
  }
  Poco::JSON::Object::Ptr json = answer.json();
  json->set("basis", "currency");
  return json;
}

/// Tariffs, Total (8.2.2.5.1): the cost of an energy's total per tariff, for the pie.
Poco::JSON::Object::Ptr tariffsTotal(const PageContext& page, const std::string& energy) {
  const char* subjectByEnergy = energy == "electricity" ? "total" : energy == "water" ? "water" : energy == "gas" ? "gas" : nullptr;
  if (subjectByEnergy == nullptr) {
    throw ApiError(422, "invalid", fmt::format("energy '{}' is none of electricity, water, gas", energy), "energy");
  }
  const ConsumptionSubject subject = page.site.subject(subjectByEnergy, "energy");
  const GapRule rule = gapRuleOf(subject.key);
  Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
  answer->set("period", page.period.kindText());
  answer->set("date", page.period.text());
  answer->set("previousDate", page.period.previous().text());
  answer->set("energy", energy);
  answer->set("currency", page.site.currency);
  Poco::JSON::Array::Ptr tariffs = tariffsJson(page.tariffsOf(subject));
  for (std::size_t position = 0; position < tariffs->size(); ++position) {
    const SeriesKey key = SeriesKey::cost(subject.key, position);
    Poco::JSON::Object::Ptr item = tariffs->getObject(static_cast<unsigned>(position));
    item->set("total", valueOrNull(totalOf(page.bars(key), rule)));
    item->set("previousTotal", valueOrNull(totalOf(page.previousBars(key), rule)));
  }
  answer->set("tariffs", tariffs);
  Poco::JSON::Object::Ptr unpriced = new Poco::JSON::Object;
  unpriced->set("unit", unitOf(subject.medium));
  unpriced->set("total", valueOrNull(totalOf(page.bars(SeriesKey::unpriced(subject.key)), rule)));
  answer->set("unpriced", unpriced);
  return answer;
}

/// Tariffs, Details (8.2.2.5.2): a subject's cost bars, one series per tariff of its energy.
Poco::JSON::Object::Ptr tariffsDetails(const PageContext& page, const std::string& which) {
  const ConsumptionSubject subject = page.site.subject(which, "subject");
  HistogramAnswer answer(page.period, page.site.currency);
  const auto& tariffs = page.tariffsOf(subject);
  for (std::size_t position = 0; position < tariffs.size(); ++position) {
    const SeriesKey key = SeriesKey::cost(subject.key, position);
    answer.add(fmt::format("tariff-{}", position), tariffs[position].name, gapRuleOf(subject.key), page.bars(key),
               page.previousBars(key));
  }
  Poco::JSON::Object::Ptr json = answer.json();
  json->set("subject", subjectJson(subject));
  json->set("tariffs", tariffsJson(tariffs));
  return json;
}

/// Details (8.2.2.4): one device's consumption.
Poco::JSON::Object::Ptr details(const PageContext& page, const std::string& which) {
  const ConsumptionSubject device = deviceOf(page.site, which, "device");
  HistogramAnswer answer(page.period, unitOf(device.medium));
  page.addSubject(answer, device);
  Poco::JSON::Object::Ptr json = answer.json();
  json->set("subject", subjectJson(device));
  return json;
}

using PageHandler = std::function<void(const ApiRequest&, const PageContext&, ApiReply&)>;

/// A page route: its period from the path, the site and a connection, then `handler`.
Handler pageRoute(HistoryConnections& connections, PageHandler handler) {
  return [&connections, handler = std::move(handler)](const ApiRequest& request, ApiReply& reply) {
    const PeriodView period = PeriodView::parse(request.params.at("period"), request.params.at("date"));
    const HistoryConnections::Lease connection = connections.lease();
    const auto site = connections.site(connection->db);
    const RequestSnapshot snapshot(*connection);
    const history::HistoryQueries queries(snapshot, site->zone);
    handler(request, PageContext{*site, queries, period}, reply);
  };
}

/// A page route answering JSON.
Handler jsonRoute(HistoryConnections& connections,
                  std::function<Poco::JSON::Object::Ptr(const ApiRequest&, const PageContext&)> make) {
  return pageRoute(connections, [make = std::move(make)](const ApiRequest& request, const PageContext& page,
                                                         ApiReply& reply) { reply.setJson(make(request, page)); });
}
}  // namespace

void addConsumptionRoutes(WebState& state) {
  const Right right = Right::pageRight(sitedb::Page::Consumptions);
  HistoryConnections& connections = *state.historyConnections;
  state.router.add({"GET", "/api/v1/consumptions/site", right, [&connections](const ApiRequest&, ApiReply& reply) {
                      const HistoryConnections::Lease connection = connections.lease();
                      reply.setJson(siteJson(*connections.site(connection->db), connection->db));
                    }, {}});
  // The pages answering JSON: a path (the period and date last) and what makes the answer.
  using Make = Poco::JSON::Object::Ptr (*)(const ApiRequest&, const PageContext&);
  const std::vector<std::pair<const char*, Make>> pages = {
      {"grand-total", [](const ApiRequest&, const PageContext& page) { return grandTotal(page); }},
      {"overall", [](const ApiRequest&, const PageContext& page) { return overall(page); }},
      {"partials/{subject}",
       [](const ApiRequest& request, const PageContext& page) { return partials(page, request.params.at("subject")); }},
      {"compare/{first}/{second}",
       [](const ApiRequest& request, const PageContext& page) {
         return compare(page, request.params.at("first"), request.params.at("second"));
       }},
      {"details/{device}",
       [](const ApiRequest& request, const PageContext& page) { return details(page, request.params.at("device")); }},
      {"tariffs/total/{energy}",
       [](const ApiRequest& request, const PageContext& page) { return tariffsTotal(page, request.params.at("energy")); }},
      {"tariffs/details/{subject}",
       [](const ApiRequest& request, const PageContext& page) {
         return tariffsDetails(page, request.params.at("subject"));
       }},
  };
  for (const auto& [path, make] : pages) {
    state.router.add({"GET", fmt::format("/api/v1/consumptions/{}/{{period}}/{{date}}", path), right,
                      jsonRoute(connections, make), {}});
  }
  state.router.add({"GET", "/api/v1/consumptions/datalogger/{subject}/{period}/{date}", right,
                    pageRoute(connections,
                              [](const ApiRequest& request, const PageContext& page, ApiReply& reply) {
                                const ConsumptionSubject subject = page.site.subject(request.params.at("subject"), "subject");
                                reply.body = dataloggerCsv(page.site, subject, page.period, page.queries);
                                reply.contentType = "text/csv; charset=utf-8";
                                reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"datalogger.csv\"");
                              }),
                    {}});
}

}  // namespace ews::web::detail
