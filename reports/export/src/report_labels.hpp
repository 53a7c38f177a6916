#pragma once
// The words of the PDF reports in the EWS's language. They live in the web pages' message
// catalogues (live/web/ui/i18n/<language>.json, keys "reportPdf.*"), the one place translators
// edit; the build embeds those files into the library (catalogues.cpp.in), so the box needs no
// extra file at run time and the PDF and the page say the same words (docs/reports.md).
#include <map>
#include <string>

namespace ews::exporting::detail {

class ReportLabels {
 public:
  /// The "reportPdf." texts of `language` (one of the 13 catalogues), each missing key taken
  /// from English. sitedb::FieldError ("language") for an unknown language.
  explicit ReportLabels(const std::string& language);
  /// The text of "reportPdf.<key>"; the key itself when no catalogue has it.
  const std::string& operator()(const std::string& key) const;

 private:
  std::map<std::string, std::string> texts_;
};

/// The embedded catalogue of `language` (its JSON text), nullptr when there is none
/// (generated from the catalogues at build time).
const char* embeddedCatalogue(const std::string& language);

}  // namespace ews::exporting::detail
