#pragma once
// The errors the user and settings stores throw for a request they refuse. A refused request
// changes nothing in the database: every check runs before the first write, and the writes run
// in one transaction.
#include <stdexcept>
#include <string>

namespace ews::sitedb {

/// A value the caller gave is invalid. field() names it as the page or the API knows it
/// ("pin", "email.smtp_port", "reports.reports[1].recipients[0]"); what() is "field: reason".
class FieldError : public std::invalid_argument {
 public:
  FieldError(std::string field, std::string reason)
      : std::invalid_argument(field + ": " + reason), field_(std::move(field)), reason_(std::move(reason)) {}
  const std::string& field() const { return field_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string field_;
  std::string reason_;
};

/// The acting user may not do this (manual 8.1.2-8.1.3: only some users manage users).
class PermissionDenied : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace ews::sitedb
