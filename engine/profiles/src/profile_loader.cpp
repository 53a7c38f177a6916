// The profile file format: reading, validation rules, extends.
#include "profile_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "brace_expansion.hpp"
#include "ews/installation/catalogue.hpp"
#include "ews/profiles/quantities.hpp"
#include "ews/yaml/document_limits.hpp"
#include "yaml_input.hpp"

namespace ews::profiles::detail {

namespace {

namespace fs = std::filesystem;
using installation::DeviceFamily;

constexpr std::int64_t kLastAddress = 0xFFFF;
constexpr std::uint32_t kAddressSpaceEnd = 0x10000;
constexpr std::size_t kModelsInMessages = 6;

std::string hex(std::uint32_t address) { return fmt::format("0x{:04X}", address); }

template <class E, std::size_t N, class NameOf>
std::string namesOf(const std::array<E, N>& values, NameOf nameOf) {
  std::vector<std::string_view> names;
  for (const E value : values) names.push_back(nameOf(value));
  return fmt::format("{}", fmt::join(names, ", "));
}

constexpr std::array kFamilies = {
    DeviceFamily::EnergyCounter,    DeviceFamily::MultifunctionMeter, DeviceFamily::EmsMeasure,
    DeviceFamily::EmsStateControl,  DeviceFamily::PulseCounter,       DeviceFamily::Breaker,
    DeviceFamily::PowerSupervision, DeviceFamily::ChargingStation,    DeviceFamily::GenericModbus,
    DeviceFamily::WsMeasure,
};

/// Settings of the `defaults` map, applied to fields that do not state them.
struct Defaults {
  std::optional<link::Function> function;
  std::optional<Type> type;
  std::optional<WordOrder> wordOrder;
  std::optional<Access> access;
};

/// Where a field came from, for messages about it.
struct FieldOrigin {
  std::string path;  ///< "registers[3]"
  SourceLoc nameLoc;
  SourceLoc addressLoc;
  bool inherited = false;  ///< from the extended profile: already checked in its own file
};

class ProfileParser {
 public:
  ProfileParser(ProfileLoader& loader, std::vector<std::string>& loading, std::string fileName)
      : loader_(loader), loading_(loading), out_(fileName), fileName_(std::move(fileName)) {}

  LoadOutcome parse(const std::string& text);

 private:
  void readHeader(MapInput& root);
  void readModels(MapInput& root);
  void readHosts(MapInput& root);
  void readProvenance(MapInput& root);
  void readExtends(MapInput& root, LoadOutcome& outcome);
  void readDefaults(MapInput& root);
  void readRegisters(MapInput& root, bool extends);
  void readEntry(const Located& item);
  void checkNamesUnique();
  void checkNoOverlap();

  std::optional<link::Function> readFunction(const Located& v);
  template <class E, std::size_t N>
  std::optional<E> readEnum(const Located& v, std::string_view what, const std::array<E, N>& values,
                            std::string_view (*nameOf)(E), std::optional<E> (*parseName)(std::string_view));

  ProfileLoader& loader_;
  std::vector<std::string>& loading_;
  Diagnostics out_;
  std::string fileName_;
  ProfileInfo info_;
  bool familyKnown_ = false;
  bool extendsGiven_ = false;  ///< even when the base fails to load: then missing registers are no news
  Defaults defaults_;
  std::vector<Field> fields_;
  std::vector<FieldOrigin> origins_;
};

LoadOutcome ProfileParser::parse(const std::string& text) {
  LoadOutcome outcome;
  info_.id = fs::path(fileName_).stem().string();
  info_.loc = SourceLoc{fileName_, 1, 1};
  const yaml::DocumentLimits limits;
  YAML::Node document;
  try {
    if (yaml::checkText(text, limits, out_, "the profile")) document = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    out_.error(out_.at(error.mark), "", fmt::format("not valid YAML: {}", error.msg));
  }
  if (out_.empty() && (document.IsNull() || !document.IsDefined())) {
    out_.error(info_.loc, "", "the file is empty (a profile needs family, models and registers)");
  }
  // Before any reader walks it: their work then stays linear in the file.
  if (!out_.empty() || !yaml::checkDocumentLimits(document, limits, out_)) {
    outcome.own = out_.take();
    return outcome;
  }
  MapInput root(out_, Located{document, "", info_.loc});
  readHeader(root);
  readModels(root);
  readHosts(root);
  readProvenance(root);
  readExtends(root, outcome);
  readDefaults(root);
  readRegisters(root, extendsGiven_);
  root.reportUnknownKeys();
  checkNamesUnique();
  checkNoOverlap();

  if (out_.empty() && outcome.inherited.empty()) {
    try {
      outcome.map = std::make_shared<const RegisterMap>(std::move(info_), std::move(fields_));
    } catch (const std::invalid_argument& error) {  // the checks above should make this unreachable
      out_.error(SourceLoc{fileName_, 1, 1}, "registers", error.what());
    }
  }
  outcome.own = out_.take();
  std::stable_sort(outcome.own.begin(), outcome.own.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
  });
  return outcome;
}

void ProfileParser::readHeader(MapInput& root) {
  if (const auto v = root.require("family")) {
    if (const auto name = readString(out_, *v)) {
      const auto found = std::find_if(kFamilies.begin(), kFamilies.end(),
                                      [&](DeviceFamily f) { return installation::familyName(f) == *name; });
      if (found == kFamilies.end()) {
        out_.error(v->loc, v->path,
                   fmt::format("unknown family '{}' (expected one of: {})", *name,
                               namesOf(kFamilies, [](DeviceFamily f) { return installation::familyName(f); })));
      } else {
        info_.family = *found;
        familyKnown_ = true;
      }
    }
  }
  if (const auto v = root.get("description")) {
    if (auto text = readString(out_, *v)) info_.description = std::move(*text);
  }
}

void ProfileParser::readModels(MapInput& root) {
  const auto v = root.require("models");
  if (!v) return;
  const auto items = readList(out_, *v);
  if (!items) return;
  if (items->empty()) out_.error(v->loc, v->path, "must list at least one catalogue model");
  for (const Located& item : *items) {
    const auto model = readString(out_, item);
    if (!model || !familyKnown_) continue;
    const installation::CatalogueModel* entry = installation::findModel(info_.family, *model);
    if (entry == nullptr) {
      std::vector<std::string_view> known;
      for (const auto* listed : installation::modelsOf(info_.family)) known.push_back(listed->number);
      const bool more = known.size() > kModelsInMessages;
      known.resize(std::min(known.size(), kModelsInMessages));
      out_.error(item.loc, item.path,
                 fmt::format("'{}' is not a {} model of the catalogue (models: {}{})", *model,
                             installation::familyName(info_.family), fmt::join(known, ", "), more ? ", ..." : ""));
      continue;
    }
    const std::string canonical(entry->number);
    const auto twice = std::find(info_.models.begin(), info_.models.end(), canonical);
    if (twice != info_.models.end()) {
      const SourceLoc& first = info_.modelLocs[static_cast<std::size_t>(twice - info_.models.begin())];
      out_.error(item.loc, item.path, fmt::format("model '{}' is listed twice (first at {})", canonical, first.str()));
      continue;
    }
    info_.models.push_back(canonical);
    info_.modelLocs.push_back(item.loc);
  }
}

void ProfileParser::readHosts(MapInput& root) {
  const auto v = root.get("hosts");
  if (!v) return;
  if (familyKnown_ && info_.family != DeviceFamily::PulseCounter) {
    out_.error(v->loc, v->path, "only pulse-counter profiles list the concentrators that host them");
    return;
  }
  const auto items = readList(out_, *v);
  if (!items) return;
  const auto concentrators = installation::pulseConcentrators();
  for (const Located& item : *items) {
    const auto number = readString(out_, item);
    if (!number) continue;
    const auto host = installation::findPulseHost(*number);
    const bool isConcentrator = host && std::any_of(concentrators.begin(), concentrators.end(),
                                                    [&](const auto& c) { return c.number == host->number; });
    if (!isConcentrator) {
      std::vector<std::string_view> known;
      for (const auto& concentrator : concentrators) known.push_back(concentrator.number);
      out_.error(
          item.loc, item.path,
          fmt::format("'{}' is not a pulse concentrator (expected one of: {})", *number, fmt::join(known, ", ")));
      continue;
    }
    info_.hosts.emplace_back(host->number);
    info_.hostLocs.push_back(item.loc);
  }
}

void ProfileParser::readProvenance(MapInput& root) {
  // Absent: modelled, the safe reading (nothing is written through it without an opt-in). The
  // shipped files all state theirs (tested).
  const auto v = root.get("provenance");
  if (!v) return;
  MapInput map(out_, *v);
  const auto kindV = map.require("kind");
  const auto kind = kindV ? readString(out_, *kindV) : std::nullopt;
  const auto text = [&](std::string_view key, bool required, std::string& into) {
    const auto value = required ? map.require(key) : map.get(key);
    if (!value) return;
    if (auto read = readString(out_, *value)) {
      if (required && read->empty()) out_.error(value->loc, value->path, "must not be empty");
      into = std::move(*read);
    }
  };
  Provenance& p = info_.provenance;
  if (kind == "vendor") {
    // A vendor map names the table it was rebuilt from and what was checked against it.
    p.kind = ProvenanceKind::Vendor;
    text("document", true, p.document);
    text("version", true, p.version);
    text("checked", true, p.checked);
  } else if (kind == "modelled") {
    p.kind = ProvenanceKind::Modelled;
    text("design", true, p.design);
  } else if (kind) {
    out_.error(kindV->loc, kindV->path,
               fmt::format("unknown provenance '{}' (expected vendor: a manufacturer's published table, or "
                           "modelled: no public table)",
                           *kind));
  }
  map.reportUnknownKeys();
}

void ProfileParser::readExtends(MapInput& root, LoadOutcome& outcome) {
  const auto v = root.get("extends");
  if (!v) return;
  extendsGiven_ = true;
  const auto id = readString(out_, *v);
  if (!id) return;
  if (id->empty() || id->find_first_of("/\\") != std::string::npos || id->ends_with(".yaml")) {
    out_.error(v->loc, v->path,
               fmt::format("name a profile of this directory by its file name without '.yaml', got '{}'", *id));
    return;
  }
  const std::string basePath = (fs::path(fileName_).parent_path() / (*id + ".yaml")).string();
  const std::string key = normalizedPath(basePath);
  if (const auto cycle = std::find(loading_.begin(), loading_.end(), key); cycle != loading_.end()) {
    std::vector<std::string> chain;
    for (auto it = cycle; it != loading_.end(); ++it) chain.push_back(fs::path(*it).stem().string());
    chain.push_back(*id);
    out_.error(v->loc, v->path, fmt::format("extends itself: {}", fmt::join(chain, " -> ")));
    return;
  }
  const LoadOutcome& base = loader_.loadFile(basePath);
  info_.extends = *id;
  if (!base.map) {
    out_.error(v->loc, v->path,
               base.unreadable ? fmt::format("no profile '{}' ({}: {})", *id, basePath, base.own.front().reason)
                               : fmt::format("profile '{}' has errors (reported in {})", *id, basePath));
    if (!base.unreadable) outcome.inherited = base.all();
    return;
  }
  for (const Field& field : base.map->fields()) {
    fields_.push_back(field);
    origins_.push_back(FieldOrigin{field.name, field.loc, field.loc, true});
  }
}

void ProfileParser::readDefaults(MapInput& root) {
  const auto v = root.get("defaults");
  if (!v) return;
  MapInput map(out_, *v);
  if (const auto f = map.get("function")) defaults_.function = readFunction(*f);
  if (const auto t = map.get("type")) defaults_.type = readEnum(*t, "type", kAllTypes, typeName, parseType);
  if (const auto w = map.get("wordOrder")) {
    defaults_.wordOrder = readEnum(*w, "word order", kAllWordOrders, wordOrderName, parseWordOrder);
  }
  if (const auto a = map.get("access"))
    defaults_.access = readEnum(*a, "access", kAllAccesses, accessName, parseAccess);
  map.reportUnknownKeys();
}

void ProfileParser::readRegisters(MapInput& root, bool extends) {
  // A profile that extends another may add nothing (same registers, other models).
  const auto v = extends ? root.get("registers") : root.require("registers");
  if (!v) return;
  const auto items = readList(out_, *v);
  if (!items) return;
  if (items->empty() && !extends) out_.error(v->loc, v->path, "the register list is empty");
  for (const Located& item : *items) readEntry(item);
}

std::optional<link::Function> ProfileParser::readFunction(const Located& v) {
  const auto code =
      readInteger(out_, v, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
  if (!code) return std::nullopt;
  if (*code < 1 || *code > 4) {
    out_.error(v.loc, v.path,
               fmt::format("unknown function {} (expected one of: 1 (coils), 2 (discrete inputs), 3 (holding "
                           "registers), 4 (input registers))",
                           *code));
    return std::nullopt;
  }
  return static_cast<link::Function>(*code);
}

template <class E, std::size_t N>
std::optional<E> ProfileParser::readEnum(const Located& v, std::string_view what, const std::array<E, N>& values,
                                         std::string_view (*nameOf)(E),
                                         std::optional<E> (*parseName)(std::string_view)) {
  const auto text = readString(out_, v);
  if (!text) return std::nullopt;
  const auto value = parseName(*text);
  if (!value) {
    out_.error(v.loc, v.path,
               fmt::format("unknown {} '{}' (expected one of: {})", what, *text, namesOf(values, nameOf)));
  }
  return value;
}

void ProfileParser::readEntry(const Located& item) {
  MapInput entry(out_, item);
  const std::size_t errorsBefore = out_.count();
  const auto nameV = entry.require("name");
  const auto addressV = entry.require("address");
  const auto functionV = entry.get("function");
  const auto typeV = entry.get("type");
  const auto wordOrderV = entry.get("wordOrder");
  const auto scaleV = entry.get("scale");
  const auto unitV = entry.get("unit");
  const auto accessV = entry.get("access");
  const auto strideV = entry.get("stride");
  entry.reportUnknownKeys();

  const auto pattern = nameV ? readString(out_, *nameV) : std::nullopt;
  const auto address = addressV ? readInteger(out_, *addressV, 0, kLastAddress) : std::nullopt;
  const auto function = functionV ? readFunction(*functionV) : defaults_.function;
  const auto type = typeV ? readEnum(*typeV, "type", kAllTypes, typeName, parseType) : defaults_.type;
  const auto wordOrder = wordOrderV ? readEnum(*wordOrderV, "word order", kAllWordOrders, wordOrderName, parseWordOrder)
                                    : defaults_.wordOrder;
  const auto access = accessV ? readEnum(*accessV, "access", kAllAccesses, accessName, parseAccess) : defaults_.access;
  const auto scale = scaleV ? readNumber(out_, *scaleV) : std::optional<double>(1.0);
  const auto unit = unitV ? readString(out_, *unitV) : std::nullopt;
  const auto stride = strideV ? readInteger(out_, *strideV, 1, kLastAddress) : std::nullopt;
  if (!functionV && !defaults_.function) {
    out_.error(item.loc, entry.pathOf("function"), "missing required key 'function' (or set defaults.function)");
  }
  if (!typeV && !defaults_.type)
    out_.error(item.loc, entry.pathOf("type"), "missing required key 'type' (or set defaults.type)");
  if (scale && *scale <= 0.0)
    out_.error(scaleV->loc, scaleV->path, fmt::format("must be greater than 0, got {}", *scale));
  if (out_.count() != errorsBefore || !pattern || !address || !function || !type || !scale) return;
  const auto baseAddress = static_cast<std::uint32_t>(address.value());

  // Where to report a rule that concerns a value which may come from the defaults.
  const auto at = [&](const std::optional<Located>& v, std::string_view key) {
    return std::pair(v ? v->loc : item.loc, entry.pathOf(key));
  };
  const AddressSpace space = addressSpaceOf(*function);
  const std::uint16_t words = wordsOf(*type);
  if ((*type == Type::Bit) != isBitSpace(space)) {
    const auto [loc, path] = at(typeV, "type");
    out_.error(
        loc, path,
        *type == Type::Bit
            ? fmt::format("type bit needs function 1 (coils) or 2 (discrete inputs), not {} ({})",
                          static_cast<int>(*function), addressSpaceName(space))
            : fmt::format("type {} is a register type: function {} ({}) holds bits (use type bit, or function 3 or 4)",
                          typeName(*type), static_cast<int>(*function), addressSpaceName(space)));
  }
  const Access fieldAccess = access.value_or(Access::Read);
  if (isReadOnlySpace(space) && fieldAccess != Access::Read) {
    const auto [loc, path] = at(accessV, "access");
    out_.error(loc, path,
               fmt::format("function {} ({}) is read-only over Modbus: access must be r, got {}",
                           static_cast<int>(*function), addressSpaceName(space), accessName(fieldAccess)));
  }
  if (*type == Type::Bit && *scale != 1.0) out_.error(scaleV->loc, scaleV->path, "a bit has no scale (0 or 1)");

  const BraceExpansion names = expandBraces(*pattern);
  if (!names.ok()) out_.error(nameV->loc, nameV->path, fmt::format("bad name pattern '{}': {}", *pattern, names.error));
  if (stride && !hasBraces(*pattern)) {
    out_.error(strideV->loc, strideV->path, "stride spaces the names of a brace pattern; this name has none");
  }
  const std::uint32_t step = stride ? static_cast<std::uint32_t>(*stride) : words;
  if (step < words) {
    out_.error(strideV->loc, strideV->path,
               fmt::format("stride {} is shorter than a {} ({} words): the names would overlap", step, typeName(*type),
                           words));
  }
  if (out_.count() != errorsBefore) return;

  // Vocabulary and unit: one message per entry, however many names the pattern expands to.
  std::vector<std::string_view> units;
  std::size_t unknown = 0;
  for (const std::string& name : names.names) {
    const auto quantity = findQuantity(name);
    if (!quantity && unknown++ == 0) {
      out_.error(nameV->loc, nameV->path, unknownQuantityReason(name));
    }
    units.push_back(quantity ? quantity->unit : std::string_view{});
  }
  if (unknown > 1) {
    out_.error(nameV->loc, nameV->path,
               unknown == 2 ? fmt::format("1 more name of '{}' is not in the vocabulary", *pattern)
                            : fmt::format("{} more names of '{}' are not in the vocabulary", unknown - 1, *pattern));
  }
  if (unknown == 0 && unit) {
    for (std::size_t k = 0; k < units.size(); ++k) {
      if (units[k] == *unit) continue;
      out_.error(unitV->loc, unitV->path,
                 fmt::format("'{}' is in {}, got '{}' (scale converts the raw value into the vocabulary's unit)",
                             names.names[k], units[k].empty() ? "no unit" : units[k], *unit));
      break;
    }
  }
  for (std::size_t k = 0; k < names.names.size(); ++k) {
    const std::uint32_t first = baseAddress + static_cast<std::uint32_t>(k) * step;
    if (first + words > kAddressSpaceEnd) {
      out_.error(addressV->loc, addressV->path,
                 fmt::format("'{}' ({} at {}) runs past the last address 0xFFFF", names.names[k], typeName(*type),
                             hex(first)));
      break;
    }
  }
  if (out_.count() != errorsBefore) return;

  for (std::size_t k = 0; k < names.names.size(); ++k) {
    Field field;
    field.name = names.names[k];
    field.address = static_cast<std::uint16_t>(baseAddress + static_cast<std::uint32_t>(k) * step);
    field.readFunction = *function;
    field.type = *type;
    field.wordOrder = wordOrder.value_or(WordOrder::Big);
    field.scale = *scale;
    field.unit = std::string(units[k]);
    field.access = fieldAccess;
    field.loc = item.loc;
    fields_.push_back(std::move(field));
    origins_.push_back(FieldOrigin{item.path, nameV->loc, addressV->loc, false});
  }
}

void ProfileParser::checkNamesUnique() {
  std::vector<std::size_t> order(fields_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return fields_[a].name < fields_[b].name; });
  for (std::size_t k = 1; k < order.size(); ++k) {
    const std::size_t first = order[k - 1];
    const std::size_t again = order[k];
    if (fields_[first].name != fields_[again].name || origins_[again].inherited) continue;
    out_.error(
        origins_[again].nameLoc, origins_[again].path + ".name",
        fmt::format("duplicate name '{}' (already defined at {})", fields_[again].name, origins_[first].nameLoc.str()));
  }
}

void ProfileParser::checkNoOverlap() {
  for (const AddressSpace space : kAllAddressSpaces) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      if (fields_[i].space() == space) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return fields_[a].address < fields_[b].address; });
    std::optional<std::size_t> reacher;  // the field reaching furthest so far
    for (const std::size_t i : order) {
      if (reacher && fields_[i].address < fields_[*reacher].end()) {
        // Report at the field defined later, naming the one defined first.
        const std::size_t later = std::max(i, *reacher);
        const std::size_t earlier = std::min(i, *reacher);
        if (!origins_[later].inherited) {
          const Field& a = fields_[later];
          const Field& b = fields_[earlier];
          out_.error(origins_[later].addressLoc, origins_[later].path + ".address",
                     fmt::format("'{}' ({} {}..{}) overlaps '{}' ({}..{}, defined at {})", a.name,
                                 addressSpaceName(space), hex(a.address), hex(a.end() - 1), b.name, hex(b.address),
                                 hex(b.end() - 1), origins_[earlier].addressLoc.str()));
        }
      }
      if (!reacher || fields_[i].end() > fields_[*reacher].end()) reacher = i;
    }
  }
}

std::string readWholeFile(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = fs::exists(path) ? "cannot open the file" : "no such file";
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::vector<Diagnostic> LoadOutcome::all() const {
  std::vector<Diagnostic> everything = inherited;
  everything.insert(everything.end(), own.begin(), own.end());
  return everything;
}

std::string normalizedPath(const std::string& path) {
  std::error_code error;
  const fs::path absolute = fs::absolute(path, error);
  return (error ? fs::path(path) : absolute).lexically_normal().string();
}

const LoadOutcome& ProfileLoader::loadFile(const std::string& path) {
  const std::string key = normalizedPath(path);
  if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
  std::string error;
  const std::string text = readWholeFile(path, error);
  LoadOutcome outcome;
  if (!error.empty()) {
    outcome.own.push_back(Diagnostic{SourceLoc{path, 0, 0}, "", error});
    outcome.unreadable = true;
  } else {
    outcome = parseText(text, path);
  }
  return cache_.insert_or_assign(key, std::move(outcome)).first->second;
}

LoadOutcome ProfileLoader::parseText(const std::string& text, const std::string& fileName) {
  loading_.push_back(normalizedPath(fileName));
  LoadOutcome outcome = ProfileParser(*this, loading_, fileName).parse(text);
  loading_.pop_back();
  return outcome;
}

}  // namespace ews::profiles::detail

namespace ews::profiles {

RegisterMap RegisterMap::parse(const std::string& yamlText, const std::string& fileName) {
  detail::ProfileLoader loader;
  const detail::LoadOutcome outcome = loader.parseText(yamlText, fileName);
  if (!outcome.map) throw ValidationError(outcome.all());
  return *outcome.map;
}

RegisterMap RegisterMap::loadFile(const std::string& path) {
  detail::ProfileLoader loader;
  const detail::LoadOutcome& outcome = loader.loadFile(path);
  if (!outcome.map) throw ValidationError(outcome.all());
  return *outcome.map;
}

}  // namespace ews::profiles
