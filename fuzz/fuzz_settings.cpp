// libFuzzer target: the settings import (docs/settings.md), the JSON a page or a restored
// settings section hands to applyJson. The first byte picks the section, the rest is its JSON.
// A FieldError is the reader's answer to bad input. A document that applies and validates must
// also survive its own round trip: written back in clear (the stored form) and applied to a
// fresh section, it gives the same settings - else the box would store what it cannot read back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/settings.hpp"
#include "ews/sitedb/webserver_settings.hpp"

namespace {

template <typename Section>
void importSection(std::string_view json) {
  Section imported;
  try {
    ews::sitedb::applyJson(imported, json);
    ews::sitedb::validate(imported);
  } catch (const ews::sitedb::FieldError&) {
    return;
  }
  const std::string stored = ews::sitedb::toJson(imported, ews::sitedb::SecretView::Clear);
  Section readBack;
  ews::sitedb::applyJson(readBack, stored);  // a FieldError here escapes: a finding
  if (!(readBack == imported)) std::abort();
  (void)ews::sitedb::toJson(imported, ews::sitedb::SecretView::Masked);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view json(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 8) {
    case 0: importSection<ews::sitedb::EmailSettings>(json); break;
    case 1: importSection<ews::sitedb::TelegramSettings>(json); break;
    case 2: importSection<ews::sitedb::ReportSettings>(json); break;
    case 3: importSection<ews::sitedb::AlertSettings>(json); break;
    case 4: importSection<ews::sitedb::ConnectorSettings>(json); break;
    case 5: importSection<ews::sitedb::NetworkSettings>(json); break;
    case 6: importSection<ews::sitedb::TimeSettings>(json); break;
    default: importSection<ews::sitedb::FtpSettings>(json); break;
  }
  return 0;
}
