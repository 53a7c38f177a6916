#pragma once
// Reads profile files into RegisterMaps (the format is in docs/register-maps.md). A profile
// may `extend` another of its directory; the loader memoizes every file it reads, so a
// directory load parses each file once and reports a broken base once, in its own file.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ews/kernel/diagnostic.hpp"
#include "ews/profiles/register_map.hpp"

namespace ews::profiles::detail {

struct LoadOutcome {
  std::shared_ptr<const RegisterMap> map;  ///< null when the file (or a base) has problems
  std::vector<Diagnostic> own;             ///< this file's problems, in position order
  std::vector<Diagnostic> inherited;       ///< the problems of the profiles it extends
  bool unreadable = false;                 ///< the file could not be read at all

  /// Everything wrong, bases first: what a single-file load reports.
  std::vector<Diagnostic> all() const;
};

class ProfileLoader {
 public:
  /// Loads (once) the file at `path`; an unreadable file is a diagnostic, not an exception.
  const LoadOutcome& loadFile(const std::string& path);
  /// Parses `text` as the file `fileName` (which locates the profiles it extends).
  LoadOutcome parseText(const std::string& text, const std::string& fileName);

 private:
  std::map<std::string, LoadOutcome> cache_;  ///< by normalized path
  std::vector<std::string> loading_;          ///< files being parsed, to detect extends cycles
};

/// The normalized path used as a profile file's identity.
std::string normalizedPath(const std::string& path);

}  // namespace ews::profiles::detail
