// The manual's four default users (8.1.1; the technical sheet lists three of them with the same
// codes). Where the manual contradicts itself the pattern of the others wins: a PIN is one digit
// five times, a PUK is 00000, that digit four times, 00000 (docs/users.md, "Defaults").
#include <array>

#include "ews/sitedb/users.hpp"

namespace ews::sitedb {

namespace {
constexpr std::array<DefaultUser, 4> kDefaultUsers{{
    {"administrator", "99999", "00000999900000",
     PageSet{Page::WebServerConfiguration, Page::SystemConfiguration, Page::MyPanelBoard, Page::Consumptions,
             Page::ReportsDataDownload, Page::ReportsAlarms}},
    {"greenUp", "88888", "00000888800000", PageSet::all()},
    {"installer", "55555", "00000555500000",
     PageSet{Page::SystemConfiguration, Page::MyPanelBoard, Page::Consumptions, Page::ReportsAlarms}},
    {"user", "11111", "00000111100000", PageSet{Page::Consumptions, Page::ReportsAlarms}},
}};
}  // namespace

std::span<const DefaultUser> defaultUsers() { return kDefaultUsers; }

}  // namespace ews::sitedb
