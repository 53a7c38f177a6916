#pragma once
// The installation as a graph (manual 7.16.1-7.16.2): the site holds gateways, a gateway
// holds devices, a panel board serves gateways, a load and measure groups gather devices.
//
// Built once from a validated spec; afterwards only the changes the configuration pages
// allow are possible (ON/OFF, enable/disable, delete), each checked against the manual's
// rules and refused with a ValidationError that leaves the installation unchanged.
//
// Pointers and references handed out stay valid until that element is removed or the
// Installation is destroyed (moving the Installation keeps them valid).
#include <memory>
#include <string_view>
#include <vector>

#include "ews/installation/elements.hpp"
#include "ews/installation/spec.hpp"

namespace ews::installation {

class Installation {
 public:
  /// Applies default names, validates every rule and builds the graph. On the Mini variants
  /// the Local gateway always exists: it is added first when the spec leaves it out.
  /// Throws ews::ValidationError carrying every violation found.
  static Installation build(const InstallationSpec& spec);

  Installation(Installation&&) noexcept;
  Installation& operator=(Installation&&) noexcept;
  ~Installation();

  const Site& site() const;

  // --- elements, in id order ---
  std::vector<const Gateway*> gateways() const;
  std::vector<const Device*> devices() const;
  std::vector<const PanelBoard*> panelBoards() const;
  std::vector<const Load*> loads() const;  ///< the 6 predefined, the user loads, Others, Water, Gas
  std::vector<const Group*> groups() const;

  // --- lookups: by id (throw std::out_of_range) or by name (nullptr when absent) ---
  const Device& device(int id) const;
  const Gateway& gateway(int id) const;
  const Load& load(int id) const;
  const Group& group(int id) const;
  const PanelBoard& panelBoard(int id) const;
  const Device* findDevice(std::string_view name) const;
  const Gateway* findGateway(std::string_view name) const;
  const Load* findLoad(std::string_view name) const;
  const Group* findGroup(std::string_view name) const;
  const PanelBoard* findPanelBoard(std::string_view name) const;

  // --- relations (edges of the graph); arguments must come from this Installation ---
  std::vector<const Device*> devicesOfGateway(const Gateway& gateway) const;
  std::vector<const Device*> devicesOfLoad(const Load& load) const;
  std::vector<const Device*> devicesOfGroup(const Group& group) const;
  std::vector<const Gateway*> gatewaysOfPanelBoard(const PanelBoard& panelBoard) const;
  std::vector<const Device*> devicesOfPanelBoard(const PanelBoard& panelBoard) const;
  const Gateway& gatewayOf(const Device& device) const;
  const Load& loadOf(const Device& device) const;
  std::vector<const Group*> groupsOf(const Device& device) const;
  const PanelBoard* panelBoardOf(const Gateway& gateway) const;  ///< nullptr: none assigned
  const Device* eqDeviceOf(const Gateway& gateway) const;         ///< nullptr: none set

  /// Polled and shown: the device is ON and so is its gateway (an OFF gateway turns all
  /// its devices off, manual 7.16.1.5).
  bool isActive(const Device& device) const;

  /// The devices whose energy adds up in the "Grand Total": active, not excluded from
  /// totals, measuring electrical energy (water/gas counters and devices without metering
  /// are left out; virtual devices are in).
  std::vector<const Device*> electricalTotalDevices() const;

  // --- changes allowed by the configuration pages; each throws ews::ValidationError and
  //     changes nothing when refused (unknown name included) ---
  void setGatewayOn(std::string_view name, bool on);
  void setDeviceOn(std::string_view name, bool on);
  /// Only an empty gateway can be deleted; the Local gateway never (put it OFF instead).
  void removeGateway(std::string_view name);
  /// Also clears the gateway's EQ device when it was this device.
  void removeDevice(std::string_view name);
  /// Only user loads can be erased; their devices go back to "Others".
  void removeLoad(std::string_view name);
  void removeGroup(std::string_view name);
  void removePanelBoard(std::string_view name);
  /// Any of the 14 loads; the pseudo-loads Others, Water and Gas cannot be disabled.
  void setLoadEnabled(std::string_view name, bool enabled);
  void setGroupEnabled(std::string_view name, bool enabled);
  void setPanelBoardEnabled(std::string_view name, bool enabled);

  /// The graph itself: opaque, defined inside the library only.
  struct Impl;

 private:
  explicit Installation(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ews::installation
