#pragma once
// The link table of an EMS CX3 state or control module (manual 8.2.3): the entries the EMS CX3
// configuration software programs, served as link.{1..4}.{peer,role,function,status}
// (docs/register-maps.md, "Links"). The module keeps an entry for each link it takes part in,
// as the event module (it generates the event) or as the action module (it acts on it); the
// status says whether the other module answers on the EMS bus and can play its part. The
// EWS only reads the table: the entries are set when the simulated site is built (EmsBus).
#include <array>

#include "ews/devices/behaviour.hpp"

namespace ews::devices {

class EmsLinkTable final : public Behaviour {
 public:
  static constexpr std::size_t kEntries = 4;
  enum class Role : std::uint8_t { None = 0, Event = 1, Action = 2 };
  /// 0: the link works; otherwise why not, as the module reports it.
  enum class Status : std::uint8_t { Ok = 0, PeerMissing = 1, PeerCannotAct = 2 };
  struct Entry {
    int peerAddress = 0;  ///< the other module's Modbus address; 0: unused entry
    Role role = Role::None;
    int function = 0;     ///< scenario::EmsLinkSpec::Function's code; 0: unused entry
    Status status = Status::Ok;
  };

  explicit EmsLinkTable(const installation::Device* device) : Behaviour(device) {}

  /// Adds an entry; false when the table is full.
  bool add(const Entry& entry);
  std::size_t size() const { return used_; }

  std::optional<std::uint32_t> bind(std::string_view name) override;
  void prepare(Time) override {}
  double value(std::uint32_t code) const override;

 private:
  std::array<Entry, kEntries> entries_{};
  std::size_t used_ = 0;
};

}  // namespace ews::devices
