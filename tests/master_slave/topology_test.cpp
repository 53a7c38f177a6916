// Master/Slave hierarchies across scenario files: loops refused with the loop named, slaves
// whose server is OFF, Remote IDs a slave does not serve (scenario/instances.hpp).
#include <gtest/gtest.h>

#include <array>

#include "ews/installation/master_slave.hpp"
#include "ews/scenario/instances.hpp"
#include "master_slave_test_support.hpp"

namespace {

using namespace ews;
using installation::findReadingLoop;
using installation::ReadRelation;
using master_slave::test::masterScenario;
using master_slave::test::ScratchFolder;
using master_slave::test::slaveScenario;

TEST(ReadingLoops, TreesAndSharedSlavesHaveNone) {
  // 0 reads 1 and 2, 1 reads 3, 2 reads 3 too: a slave with two masters is no loop.
  const std::array<ReadRelation, 4> relations{{{0, 1}, {0, 2}, {1, 3}, {2, 3}}};
  EXPECT_TRUE(findReadingLoop(4, relations).empty());
  EXPECT_TRUE(findReadingLoop(1, {}).empty());
}

TEST(ReadingLoops, ALoopIsGivenFromAMasterBackToItself) {
  const std::array<ReadRelation, 4> relations{{{0, 1}, {1, 2}, {2, 3}, {3, 1}}};
  EXPECT_EQ(findReadingLoop(4, relations), (std::vector<std::size_t>{1, 2, 3, 1}));
  const std::array<ReadRelation, 1> itself{{{2, 2}}};
  EXPECT_EQ(findReadingLoop(3, itself), (std::vector<std::size_t>{2, 2}));
  const std::array<ReadRelation, 1> outside{{{0, 5}}};
  EXPECT_THROW(findReadingLoop(2, outside), std::out_of_range);
}

/// The message of the ValidationError that loading `path` throws.
std::string loadError(const std::string& path) {
  try {
    scenario::loadInstances(path);
  } catch (const ValidationError& error) {
    return error.what();
  }
  return "no error";
}

TEST(Instances, AThreeLevelHierarchyLoadsEachFileOnce) {
  ScratchFolder folder;
  folder.write("a.yaml", slaveScenario("a", 1000, 1));
  folder.write("b.yaml", slaveScenario("b", 2000, 2));
  folder.write("mid.yaml", masterScenario("mid", {{"a.yaml", "A"}, {"b.yaml", "B"}}, true));
  const std::string top = folder.write("top.yaml", masterScenario("top", {{"mid.yaml", "Mid"}, {"a.yaml", "Direct A"}}));
  const scenario::InstanceSet set = scenario::loadInstances(top);
  ASSERT_EQ(set.instances.size(), 4u);  // a.yaml once, read by two masters
  EXPECT_EQ(set.instances[0].scenario.name, "top");
  EXPECT_EQ(set.instances[1].scenario.name, "mid");
  ASSERT_EQ(set.readings.size(), 4u);
  EXPECT_EQ(set.readings.back().gateway, "Direct A");
  EXPECT_EQ(set.readings.back().slave, set.readings[0].slave);  // mid reads a first, top reads it too
}

TEST(Instances, ALoopAcrossFilesIsRefusedNamingTheLoop) {
  ScratchFolder folder;
  folder.write("a.yaml", slaveScenario("a", 1000, 1));
  // top reads mid, mid reads a and top: top -> mid -> top.
  folder.write("mid.yaml", masterScenario("mid", {{"a.yaml", "A"}, {"top.yaml", "Top"}}, true));
  const std::string top = folder.write("top.yaml", masterScenario("top", {{"mid.yaml", "Mid"}}, true));
  const std::string message = loadError(top);
  const std::string loop = (folder.path() / "top.yaml").string() + " -> " + (folder.path() / "mid.yaml").string() +
                           " -> " + (folder.path() / "top.yaml").string();
  EXPECT_NE(message.find("Master/Slave loop: " + loop), std::string::npos) << message;
  // At the entry closing the loop: mid.yaml's second `slaves:` entry.
  EXPECT_NE(message.find("mid.yaml:"), std::string::npos) << message;
  EXPECT_NE(message.find("slaves[1].file"), std::string::npos) << message;
}

TEST(Instances, AMasterReadingItselfIsALoop) {
  ScratchFolder folder;
  const std::string self = folder.write("self.yaml", masterScenario("self", {{"self.yaml", "Me"}}, true));
  EXPECT_NE(loadError(self).find("Master/Slave loop: " + self + " -> " + self), std::string::npos) << loadError(self);
}

TEST(Instances, ASlaveMustServeAndServeWhatItsMasterReads) {
  ScratchFolder folder;
  std::string off = slaveScenario("off", 1000, 1);
  off.replace(off.find("tcpServer: true"), 15, "tcpServer: false");
  folder.write("off.yaml", off);
  const std::string master = folder.write("m.yaml", masterScenario("m", {{"off.yaml", "Off"}}));
  EXPECT_NE(loadError(master).find("slaves[0].file: slave '" + (folder.path() / "off.yaml").string() +
                                   "' does not serve its masters: set ews.modbus.tcpServer: true"),
            std::string::npos)
      << loadError(master);

  folder.write("s.yaml", slaveScenario("s", 1000, 1));
  std::string reader = masterScenario("r", {{"s.yaml", "S"}});
  reader.replace(reader.find("remoteId: 10001"), 15, "remoteId: 10009");  // the slave has devices 1-3
  const std::string path = folder.write("r.yaml", reader);
  const std::string message = loadError(path);
  EXPECT_NE(message.find("installation.gateways[0].devices[1].remoteId: slave '" + (folder.path() / "s.yaml").string() +
                         "' serves no value for Remote ID 10009: it has no such device"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("r.yaml:"), std::string::npos) << message;
}

TEST(Instances, MissingSlaveFilesAndNonVirtualGatewaysAreReportedAtTheirEntries) {
  ScratchFolder folder;
  const std::string master = folder.write("m.yaml", masterScenario("m", {{"nowhere.yaml", "N"}}));
  EXPECT_NE(loadError(master).find("slaves[0].file: cannot open slave scenario file"), std::string::npos)
      << loadError(master);
  std::string wrong = masterScenario("w", {{"s.yaml", "S"}});
  wrong.replace(wrong.find("gateway: S"), 10, "gateway: T");
  folder.write("s.yaml", slaveScenario("s", 1000, 1));
  const std::string path = folder.write("w.yaml", wrong);
  EXPECT_NE(loadError(path).find("slaves[0].gateway: no virtual gateway named 'T' in the installation (virtual "
                                 "gateways: 'S')"),
            std::string::npos)
      << loadError(path);
}

TEST(Instances, RemoteIdsBeyondTheServedWindowsAreNotServed) {
  ScratchFolder folder;
  folder.write("s.yaml", slaveScenario("s", 1000, 1));
  std::string master = masterScenario("m", {{"s.yaml", "S"}});
  master.replace(master.find("remoteId: 10001"), 15, "remoteId: 15000");
  const std::string path = folder.write("m.yaml", master);
  EXPECT_NE(loadError(path).find("serves no value for Remote ID 15000: it has no such device"),
            std::string::npos)
      << loadError(path);
}

}  // namespace
