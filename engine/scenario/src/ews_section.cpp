// `ews:` - the box itself (manual 7.8 Modbus settings, 7.16.4 sample rate, 8.4.1 CSV options,
// 7.16.3 currency).
#include <fmt/format.h>

#include <algorithm>

#include "ews/tariff/validation.hpp"
#include "sections.hpp"
#include "vocabulary.hpp"
#include "zoned_time.hpp"

namespace ews::scenario::detail {

namespace {

/// Natural gases range from about 8 (L gas) to 12 kWh/m3 (H gas); 20 leaves room for LPG
/// blends while catching a value typed in Wh or MJ.
constexpr double kMaxGasKWhPerM3 = 20.0;

/// The manual (7.16.4) offers a list of sample rates that the text extraction lost. We accept
/// any whole number of minutes from 1 min to 1 day that divides a day, so samples fall on the
/// same clock times every day (docs/scenario-format.md).
void checkSampleRate(MapReader& ews, Duration sampleRate) {
  if (sampleRate % minutes(1) != Duration::zero() || days(1) % sampleRate != Duration::zero()) {
    ews.error("sampleRate", fmt::format("must be a whole number of minutes that divides a day evenly "
                                        "(e.g. 1min, 5min, 10min, 15min, 30min, 1h, 1d), got {}",
                                        formatDuration(sampleRate)));
  }
}

void readCurrency(MapReader& ews, std::string& currency) {
  std::string code;
  if (!ews.read("currency", code)) return;
  if (!tariff::isIso4217Currency(code)) {
    ews.error("currency", fmt::format("unknown currency: expected a three-letter ISO 4217 code such as EUR, got '{}'",
                                      code));
    return;
  }
  currency = code;
}

void readLanguage(MapReader& ews, std::string& language) {
  std::string id;
  if (!ews.read("language", id)) return;
  if (std::find(kLanguages.begin(), kLanguages.end(), id) == kLanguages.end()) {
    std::string known;
    for (const std::string_view each : kLanguages) known += fmt::format("{}{}", known.empty() ? "" : ", ", each);
    ews.error("language", fmt::format("unknown language '{}': expected one of {}", id, known));
    return;
  }
  language = id;
}

void readCsv(MapReader& ews, EwsSettings& settings) {
  MapReader csv = ews.child("csv");
  csv.readEnum("decimalSeparator", settings.csvDecimalSeparator, kDecimalSeparators);
  csv.readEnum("fieldSeparator", settings.csvFieldSeparator, kFieldSeparators);
  if (settings.csvDecimalSeparator == settings.csvFieldSeparator) {
    csv.error("fieldSeparator", "must differ from decimalSeparator, or numbers cannot be told from fields");
  }
  csv.reportUnknownKeys();
}

void readModbus(MapReader& ews, ModbusSettings& modbus) {
  MapReader m = ews.child("modbus");
  m.readOneOf("baud", modbus.baud, kBaudRates);
  m.readEnum("parity", modbus.parity, kParities);
  m.readOneOf("stopBits", modbus.stopBits, kStopBits);
  m.read("timeout", modbus.timeout, DurationRange{milliseconds(50), seconds(10)});
  m.read("tcpServer", modbus.tcpServer);
  m.read("tcpServerPort", modbus.tcpServerPort, IntRange{1, 65535});
  m.read("writeModelledMaps", modbus.writeModelledMaps);
  m.reportUnknownKeys();
}

}  // namespace

void readEwsSection(MapReader& top, Scenario& scenario) {
  MapReader ews = top.child("ews");
  EwsSettings& settings = scenario.ews;
  settings.loc = ews.loc();

  if (const auto variant = ews.get("variant")) {
    if (const auto value = asEnum<installation::Variant>(ews.sink(), *variant, kVariants)) {
      scenario.installation.variant = *value;
    }
    scenario.installation.fieldLocs["variant"] = variant->loc;
  }
  if (ews.read("timezone", settings.timezone)) {
    if (const auto zone = findZone(settings.timezone); !zone) ews.error("timezone", zone.error);
  }
  if (ews.read("sampleRate", settings.sampleRate, DurationRange{minutes(1), days(1)})) {
    checkSampleRate(ews, settings.sampleRate);
  }
  readCurrency(ews, settings.currency);
  ews.read("gasConversion", settings.gasKWhPerM3, RealRange{0.0, kMaxGasKWhPerM3, /*exclusiveMin=*/true});
  readCsv(ews, settings);
  readModbus(ews, settings.modbus);
  readLanguage(ews, settings.language);
  ews.reportUnknownKeys();
}

}  // namespace ews::scenario::detail
