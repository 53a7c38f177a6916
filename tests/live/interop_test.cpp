// ModbusTcpServer (in-process, 127.0.0.1, kernel-chosen port) against independent clients run as
// subprocesses with bounded run times: mbpoll (libmodbus based, 1-based references) and pymodbus
// 3.0 (its own protocol stack). A missing client fails the test: tools/install-deps.sh installs them.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <string>
#include <vector>

#include "ews/live/modbus_tcp_server.hpp"
#include "live_test_support.hpp"

namespace ews::live {
namespace {

using namespace std::chrono_literals;
using test::RegisterBank;
using test::Table;

constexpr std::uint8_t kUnit = 3;
constexpr auto kClientTimeLimit = 20s;

/// mbpoll prints one "[reference]: \tvalue" line per value.
std::vector<int> mbpollValues(const std::string& output) {
  std::vector<int> values;
  const std::regex line(R"(\[(\d+)\]:\s+(-?\d+))");
  for (auto it = std::sregex_iterator(output.begin(), output.end(), line); it != std::sregex_iterator(); ++it) {
    values.push_back(std::stoi((*it)[2]));
  }
  return values;
}

class ThirdPartyClients : public ::testing::Test {
 protected:
  void SetUp() override {
    for (std::uint16_t i = 0; i < 4; ++i) bank.set(kUnit, Table::HoldingRegisters, i, static_cast<std::uint16_t>(100 * (i + 1)));
    server.start();
  }

  std::string mbpoll() const {
    const std::string path = test::findExecutable("mbpoll");
    EXPECT_FALSE(path.empty()) << "mbpoll is required: install it with tools/install-deps.sh";
    return path;
  }

  std::string pymodbusClient() const {
    const bool available = test::runCommand("/usr/bin/python3 -c 'import pymodbus'", 20s).exitCode == 0;
    EXPECT_TRUE(available) << "python3-pymodbus is required: install it with tools/install-deps.sh";
    if (!available) return {};
    return fmt::format("/usr/bin/python3 {}/tests/live/pymodbus_client.py --port {} --unit {}", EWS_SOURCE_DIR,
                       server.port(), kUnit);
  }

  RegisterBank bank{kUnit};
  ModbusTcpServer server{ModbusTcpServerConfig{}, bank};
};

TEST_F(ThirdPartyClients, MbpollReadsHoldingRegisters) {
  const std::string program = mbpoll();
  ASSERT_FALSE(program.empty());
  // -r 1 is mbpoll's first reference, protocol address 0; -0 would make it 0-based.
  const auto result = test::runCommand(
      fmt::format("{} -m tcp -a {} -r 1 -c 4 -t 4 -1 -o 2 -p {} 127.0.0.1", program, kUnit, server.port()),
      kClientTimeLimit);
  ASSERT_EQ(result.exitCode, 0) << result.output;
  EXPECT_EQ(mbpollValues(result.output), (std::vector<int>{100, 200, 300, 400})) << result.output;
}

TEST_F(ThirdPartyClients, MbpollWritesAHoldingRegister) {
  const std::string program = mbpoll();
  ASSERT_FALSE(program.empty());
  const auto result = test::runCommand(
      fmt::format("{} -m tcp -a {} -r 11 -t 4 -1 -o 2 -p {} 127.0.0.1 4321", program, kUnit, server.port()),
      kClientTimeLimit);
  ASSERT_EQ(result.exitCode, 0) << result.output;
  EXPECT_EQ(bank.get(kUnit, Table::HoldingRegisters, 10), 4321) << result.output;
}

TEST_F(ThirdPartyClients, PymodbusReadsAndItsWriteReachesTheHandler) {
  const std::string client = pymodbusClient();
  ASSERT_FALSE(client.empty());
  const auto read = test::runCommand(client + " --read 0 4", kClientTimeLimit);
  ASSERT_EQ(read.exitCode, 0) << read.output;
  EXPECT_NE(read.output.find("registers: 100 200 300 400"), std::string::npos) << read.output;

  const auto write = test::runCommand(client + " --write 2 777 --read 2 1", kClientTimeLimit);
  ASSERT_EQ(write.exitCode, 0) << write.output;
  EXPECT_NE(write.output.find("registers: 777"), std::string::npos) << write.output;
  EXPECT_EQ(bank.get(kUnit, Table::HoldingRegisters, 2), 777);
  EXPECT_EQ(bank.lastUnit(), kUnit);
}

TEST_F(ThirdPartyClients, PymodbusSeesTheExceptionCode) {
  const std::string client = pymodbusClient();
  ASSERT_FALSE(client.empty());
  const auto result = test::runCommand(client + " --read 4095 2", kClientTimeLimit);
  EXPECT_EQ(result.exitCode, 1) << result.output;
  EXPECT_NE(result.output.find("exception 2"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace ews::live
