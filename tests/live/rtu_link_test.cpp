// RtuLink through a socat pseudo-terminal pair, against a libmodbus RTU server (unit 1) on the
// other end. socat is required: without it these tests fail (tools/install-deps.sh installs it).
#include "ews/live/rtu_link.hpp"

#include <gtest/gtest.h>
#include <modbus/modbus.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "live_test_support.hpp"

namespace ews::live {
namespace {

using namespace std::chrono_literals;
using link::ExceptionCode;
using link::Function;
using link::Status;
using test::readValues;
using test::writeValues;

constexpr std::uint8_t kServerUnit = 1;
constexpr std::uint8_t kSilentUnit = 99;
constexpr int kMappedValues = 100;  // addresses 0..99 of each table

/// A libmodbus RTU server for unit 1 on one end of the pty pair, on its own thread (its own
/// context). It can be told to corrupt the CRC of its next answer.
class RtuServer {
 public:
  explicit RtuServer(const std::string& devicePath)
      : context_(modbus_new_rtu(devicePath.c_str(), 19200, 'E', 8, 1)),
        mapping_(modbus_mapping_new_start_address(0, kMappedValues, 0, kMappedValues, 0, kMappedValues, 0,
                                                  kMappedValues)) {
    if (context_ == nullptr || mapping_ == nullptr) throw std::runtime_error("libmodbus RTU server setup");
    modbus_set_slave(context_, kServerUnit);
    if (modbus_connect(context_) == -1) throw std::runtime_error(std::string("open ") + devicePath);
    // modbus_receive returns every 50 ms without a request, so the thread sees stop requests.
    modbus_set_indication_timeout(context_, 0, 50'000);
    thread_ = std::thread([this] { serve(); });
  }

  ~RtuServer() {
    stop_ = true;
    thread_.join();
    modbus_close(context_);
    modbus_free(context_);
    modbus_mapping_free(mapping_);
  }

  /// Runs `access` on the register mapping under the lock the server thread replies under.
  template <typename Access>
  auto withMapping(Access access) {
    const std::scoped_lock lock(mutex_);
    return access(*mapping_);
  }
  void corruptNextAnswer() { corruptNext_ = true; }

 private:
  void serve() {
    std::array<std::uint8_t, MODBUS_RTU_MAX_ADU_LENGTH> request{};
    while (!stop_) {
      const int length = modbus_receive(context_, request.data());
      if (length <= 0) continue;  // timeout, or a request for another unit
      if (corruptNext_.exchange(false)) {
        // A plausible one-register answer whose CRC is wrong.
        const std::array<std::uint8_t, 7> answer{kServerUnit, request[1], 2, 0x12, 0x34, 0xDE, 0xAD};
        [[maybe_unused]] const auto written = ::write(modbus_get_socket(context_), answer.data(), answer.size());
      } else {
        const std::scoped_lock lock(mutex_);
        modbus_reply(context_, request.data(), length, mapping_);
      }
    }
  }

  modbus_t* context_;
  modbus_mapping_t* mapping_;
  std::mutex mutex_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> corruptNext_{false};
  std::thread thread_;
};

class RtuLinkOverPty : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string socat = test::findExecutable("socat");
    ASSERT_FALSE(socat.empty()) << "socat is required for the RTU tests: install it with tools/install-deps.sh";
    clientEnd = directory.path() + "/client";
    serverEnd = directory.path() + "/server";
    socatProcess = std::make_unique<test::ChildProcess>(std::vector<std::string>{
        socat, "pty,raw,echo=0,link=" + clientEnd, "pty,raw,echo=0,link=" + serverEnd});
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!(std::filesystem::exists(clientEnd) && std::filesystem::exists(serverEnd))) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "socat did not create the pseudo-terminals";
      std::this_thread::sleep_for(10ms);
    }
    server = std::make_unique<RtuServer>(serverEnd);
  }

  void TearDown() override {
    server.reset();  // before socat goes away with its pty
    socatProcess.reset();
  }

  RtuLinkConfig linkConfig(Duration timeout = milliseconds(300)) const {
    return RtuLinkConfig{.devicePath = clientEnd, .baud = 19200, .parity = 'E', .stopBits = 1,
                         .responseTimeout = timeout};
  }

  test::TempDir directory;
  std::string clientEnd;
  std::string serverEnd;
  std::unique_ptr<test::ChildProcess> socatProcess;
  std::unique_ptr<RtuServer> server;
};

TEST_F(RtuLinkOverPty, ReadsHoldingAndInputRegisters) {
  server->withMapping([](modbus_mapping_t& mapping) {
    mapping.tab_registers[4] = 1234;
    mapping.tab_registers[5] = 5678;
    mapping.tab_input_registers[0] = 2300;
  });
  RtuLink link(linkConfig());
  EXPECT_EQ(link.describe(), "rtu " + clientEnd + " 19200 8E1");
  std::array<std::uint16_t, 2> holding{};
  const link::Result result = readValues(link, kServerUnit, Function::ReadHoldingRegisters, 4, holding);
  ASSERT_TRUE(result.ok()) << link::describe(result);
  EXPECT_EQ(holding, (std::array<std::uint16_t, 2>{1234, 5678}));
  EXPECT_GT(result.duration, Duration::zero());
  std::array<std::uint16_t, 1> input{};
  ASSERT_TRUE(readValues(link, kServerUnit, Function::ReadInputRegisters, 0, input).ok());
  EXPECT_EQ(input[0], 2300);
}

TEST_F(RtuLinkOverPty, ReadsAndWritesBits) {
  server->withMapping([](modbus_mapping_t& mapping) { mapping.tab_input_bits[2] = 1; });
  RtuLink link(linkConfig());
  std::array<std::uint16_t, 3> inputs{};
  ASSERT_TRUE(readValues(link, kServerUnit, Function::ReadDiscreteInputs, 1, inputs).ok());
  EXPECT_EQ(inputs, (std::array<std::uint16_t, 3>{0, 1, 0}));

  const std::array<std::uint16_t, 9> pattern{1, 0, 0, 1, 1, 0, 1, 0, 1};
  ASSERT_TRUE(writeValues(link, kServerUnit, Function::WriteMultipleCoils, 10, pattern).ok());
  const std::array<std::uint16_t, 1> on{1};
  ASSERT_TRUE(writeValues(link, kServerUnit, Function::WriteSingleCoil, 30, on).ok());
  EXPECT_EQ(server->withMapping([](modbus_mapping_t& mapping) { return mapping.tab_bits[30]; }), 1);
  std::array<std::uint16_t, 9> coils{};
  ASSERT_TRUE(readValues(link, kServerUnit, Function::ReadCoils, 10, coils).ok());
  EXPECT_EQ(coils, pattern);
}

TEST_F(RtuLinkOverPty, WritesRegisters) {
  RtuLink link(linkConfig());
  const std::array<std::uint16_t, 1> single{0xBEEF};
  ASSERT_TRUE(writeValues(link, kServerUnit, Function::WriteSingleRegister, 50, single).ok());
  const std::array<std::uint16_t, 3> several{7, 8, 9};
  ASSERT_TRUE(writeValues(link, kServerUnit, Function::WriteMultipleRegisters, 60, several).ok());
  EXPECT_EQ(server->withMapping([](modbus_mapping_t& mapping) { return mapping.tab_registers[50]; }), 0xBEEF);
  EXPECT_EQ(server->withMapping([](modbus_mapping_t& mapping) { return mapping.tab_registers[62]; }), 9);
}

TEST_F(RtuLinkOverPty, UnmappedAddressIsAnException) {
  RtuLink link(linkConfig());
  std::array<std::uint16_t, 2> values{};
  const link::Result result = readValues(link, kServerUnit, Function::ReadHoldingRegisters, 200, values);
  EXPECT_EQ(result.status, Status::Exception);
  EXPECT_EQ(result.exception, ExceptionCode::IllegalDataAddress);
  EXPECT_TRUE(readValues(link, kServerUnit, Function::ReadHoldingRegisters, 0, values).ok());
}

TEST_F(RtuLinkOverPty, SilentUnitIsATimeout) {
  RtuLink link(linkConfig(milliseconds(150)));
  std::array<std::uint16_t, 1> value{};
  const link::Result result = readValues(link, kSilentUnit, Function::ReadHoldingRegisters, 0, value);
  EXPECT_EQ(result.status, Status::Timeout);
  EXPECT_GE(result.duration, milliseconds(150));
  EXPECT_LT(result.duration, milliseconds(1000));
  EXPECT_TRUE(link.connected()) << "a timeout on a serial line keeps the port open";
}

TEST_F(RtuLinkOverPty, CorruptedAnswerIsACrcError) {
  RtuLink link(linkConfig());
  server->corruptNextAnswer();
  std::array<std::uint16_t, 1> value{};
  EXPECT_EQ(readValues(link, kServerUnit, Function::ReadHoldingRegisters, 0, value).status, Status::CrcError);
  const link::Result next = readValues(link, kServerUnit, Function::ReadHoldingRegisters, 0, value);
  EXPECT_TRUE(next.ok()) << link::describe(next);
}

TEST_F(RtuLinkOverPty, BroadcastWritesAreUnansweredAndBroadcastReadsInvalid) {
  RtuLink link(linkConfig(milliseconds(100)));
  const std::array<std::uint16_t, 1> value{321};
  const link::Result write = writeValues(link, 0, Function::WriteSingleRegister, 70, value);
  EXPECT_TRUE(write.ok()) << link::describe(write);
  const auto register70 = [&] {
    return server->withMapping([](modbus_mapping_t& mapping) { return mapping.tab_registers[70]; });
  };
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (register70() != 321 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(register70(), 321);
  std::array<std::uint16_t, 1> readBack{};
  EXPECT_EQ(readValues(link, 0, Function::ReadHoldingRegisters, 70, readBack).status, Status::InvalidRequest);
}

TEST(RtuLink, MissingPortIsDisconnectedAndBadSettingsThrow) {
  RtuLink link(RtuLinkConfig{.devicePath = "/nonexistent/ttyEWS"});
  std::array<std::uint16_t, 1> value{};
  EXPECT_EQ(readValues(link, 1, Function::ReadHoldingRegisters, 0, value).status, Status::Disconnected);
  EXPECT_FALSE(link.connected());
  EXPECT_THROW(RtuLink(RtuLinkConfig{.devicePath = "/dev/null", .parity = 'X'}), std::invalid_argument);
  EXPECT_THROW(RtuLink(RtuLinkConfig{.devicePath = "/dev/null", .stopBits = 3}), std::invalid_argument);
}

}  // namespace
}  // namespace ews::live
