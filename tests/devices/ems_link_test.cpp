// EMS CX3 links (manual 8.2.3): the link tables the simulated modules serve, an event module's
// change driving its action module without the EWS, errors of links to missing or unfit
// modules, and the scenario's refusals with their positions.
#include <gtest/gtest.h>

#include "device_test_support.hpp"
#include "ews/devices/breaker_status.hpp"
#include "ews/scenario/loader.hpp"

namespace {

using ews::devices::test::breakerStatusOf;
using ews::devices::test::readAll;
using ews::devices::test::runFor;
using ews::devices::test::siteFrom;
using ews::devices::test::writeField;

std::string scenarioWith(const std::string& devices) {
  return "name: links\n"
         "ews: {variant: \"255\", timezone: Europe/Paris}\n"
         "run: {start: \"2026-01-05T00:00\", duration: 1d, seed: 3}\n"
         "installation:\n"
         "  gateways:\n"
         "    - name: GW\n"
         "      ip: 10.0.0.1\n"
         "      devices:\n" +
         devices;
}

const std::string kLinked = scenarioWith(
    "        - {name: Switch, family: ems-state-control, model: \"4 149 32\", address: 8,\n"
    "           sim: {links: [{action: 9}, {action: 12}, {action: 10, function: inverse}]}}\n"
    "        - {name: Relay, family: ems-state-control, model: \"4 149 31\", address: 9}\n"
    "        - {name: Contact, family: ems-state-control, model: \"4 149 30\", address: 10,\n"
    "           sim: {links: [{action: 11, function: inverse}]}}\n"
    "        - {name: Contactor, family: ems-state-control, model: \"4 149 31\", address: 11}\n"
    "        - {name: Meter, family: multifunction-meter, model: \"4 120 53\", address: 12, on: false}\n");

TEST(EmsLinks, BothModulesServeTheLinkInTheirTables) {
  auto site = siteFrom(kLinked);
  const auto sw = readAll(*site, "Switch");
  // Entry 1: the relay at 9, this module the event, follow, working.
  EXPECT_EQ(sw.at("link.1.peer"), 9.0);
  EXPECT_EQ(sw.at("link.1.role"), 1.0);
  EXPECT_EQ(sw.at("link.1.function"), 1.0);
  EXPECT_EQ(sw.at("link.1.status"), 0.0);
  // Entry 2: address 12 holds a meter, not an EMS CX3 module: no module answers on the bus.
  EXPECT_EQ(sw.at("link.2.peer"), 12.0);
  EXPECT_EQ(sw.at("link.2.status"), 1.0);
  // Entry 3: a state module has no output to act with.
  EXPECT_EQ(sw.at("link.3.peer"), 10.0);
  EXPECT_EQ(sw.at("link.3.function"), 2.0);
  EXPECT_EQ(sw.at("link.3.status"), 2.0);
  EXPECT_EQ(sw.at("link.4.peer"), 0.0);
  EXPECT_EQ(sw.at("link.4.role"), 0.0);

  const auto relay = readAll(*site, "Relay");
  EXPECT_EQ(relay.at("link.1.peer"), 8.0);
  EXPECT_EQ(relay.at("link.1.role"), 2.0);
  EXPECT_EQ(relay.at("link.1.status"), 0.0);
  EXPECT_EQ(relay.at("link.2.role"), 0.0);
  // The state module at 10 is the event of its own link only; the refused one left no entry.
  const auto contact = readAll(*site, "Contact");
  EXPECT_EQ(contact.at("link.1.peer"), 11.0);
  EXPECT_EQ(contact.at("link.1.role"), 1.0);
  EXPECT_EQ(contact.at("link.2.role"), 0.0);
}

TEST(EmsLinks, AnEventModulesOrderSwitchesTheActionModule) {
  auto site = siteFrom(kLinked);
  runFor(*site, ews::seconds(5));
  EXPECT_EQ(readAll(*site, "Relay").at("state.output.1"), 0.0);
  ASSERT_TRUE(writeField(*site, "Switch", "command.output.1", 1.0).ok());
  runFor(*site, ews::seconds(1));
  EXPECT_EQ(readAll(*site, "Switch").at("state.output.1"), 1.0);
  const auto relay = readAll(*site, "Relay");
  EXPECT_EQ(relay.at("state.output.1"), 1.0);
  EXPECT_EQ(relay.at("command.output.1"), 1.0);

  // The EWS's own later order to the action module is in force until the next event.
  ASSERT_TRUE(writeField(*site, "Relay", "command.output.1", 0.0).ok());
  runFor(*site, ews::seconds(1));
  EXPECT_EQ(readAll(*site, "Relay").at("state.output.1"), 0.0);
  EXPECT_EQ(readAll(*site, "Switch").at("state.output.1"), 1.0);  // a link does not act backwards
  ASSERT_TRUE(writeField(*site, "Switch", "command.output.1", 0.0).ok());
  ASSERT_TRUE(writeField(*site, "Switch", "command.output.1", 1.0).ok());
  runFor(*site, ews::seconds(1));
  EXPECT_EQ(readAll(*site, "Relay").at("state.output.1"), 1.0);
}

TEST(EmsLinks, AStateModulesContactDrivesItsActionInverted) {
  auto site = siteFrom(kLinked);
  runFor(*site, ews::seconds(5));
  EXPECT_EQ(readAll(*site, "Contact").at("state.input.1"), 1.0);  // the watched breaker is closed
  EXPECT_EQ(readAll(*site, "Contactor").at("state.output.1"), 0.0);
  breakerStatusOf(*site, "Contact").breaker().open(site->engine().now());
  runFor(*site, ews::seconds(2));
  EXPECT_EQ(readAll(*site, "Contact").at("state.input.1"), 0.0);
  EXPECT_EQ(readAll(*site, "Contactor").at("state.output.1"), 1.0);  // inverse: contact open -> output on
  breakerStatusOf(*site, "Contact").breaker().close(site->engine().now());
  runFor(*site, ews::seconds(2));
  EXPECT_EQ(readAll(*site, "Contactor").at("state.output.1"), 0.0);
}

std::vector<std::string> problemsOf(const std::string& yaml) {
  try {
    siteFrom(yaml);
  } catch (const ews::ValidationError& error) {
    std::vector<std::string> out;
    for (const auto& d : error.diagnostics()) out.push_back(d.str());
    return out;
  }
  return {};
}

TEST(EmsLinks, TheScenarioRefusesLinksNamingWhere) {
  EXPECT_EQ(problemsOf(scenarioWith(
                "        - {name: M, family: multifunction-meter, model: \"4 120 53\", address: 1,"
                " sim: {links: [{action: 2}]}}\n")),
            std::vector<std::string>{"test.yaml:9:94: installation.gateways[0].devices[0].sim.links: links are "
                                     "programmed into EMS CX3 state and control modules only"});
  EXPECT_EQ(problemsOf(scenarioWith(
                "        - {name: S, family: ems-state-control, model: \"4 149 32\", address: 3,"
                " sim: {links: [{action: 3}, {action: 4, function: toggle}, {action: 300}]}}\n")),
            (std::vector<std::string>{
                "test.yaml:9:102: installation.gateways[0].devices[0].sim.links[0].action: address 3 is the "
                "module's own: a link joins two modules",
                "test.yaml:9:128: installation.gateways[0].devices[0].sim.links[1].function: unknown value 'toggle' "
                "(expected one of: follow, inverse)",
                "test.yaml:9:146: installation.gateways[0].devices[0].sim.links[2].action: must be between 1 and "
                "247, got 300"}));
  const auto five = problemsOf(scenarioWith(
      "        - {name: S, family: ems-state-control, model: \"4 149 32\", address: 3,"
      " sim: {links: [{action: 4}, {action: 5}, {action: 6}, {action: 7}, {action: 8}]}}\n"));
  ASSERT_EQ(five.size(), 1u);
  EXPECT_NE(five[0].find("sim.links: an EMS CX3 module holds at most 4 links (its link table's entries), got 5"),
            std::string::npos)
      << five[0];
  // Five links ending on one action module: its table has four entries.
  std::string many;
  for (int address = 1; address <= 5; ++address) {
    many += "        - {name: E" + std::to_string(address) + ", family: ems-state-control, model: \"4 149 32\", address: " +
            std::to_string(address) + ", sim: {links: [{action: 9}]}}\n";
  }
  many += "        - {name: A, family: ems-state-control, model: \"4 149 31\", address: 9}\n";
  const auto full = problemsOf(scenarioWith(many));
  ASSERT_EQ(full.size(), 1u);
  EXPECT_NE(full[0].find("EMS CX3 module 'A' (address 9) takes part in more than 4 links"), std::string::npos) << full[0];
}

}  // namespace
