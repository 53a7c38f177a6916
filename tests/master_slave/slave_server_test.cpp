// The slave's Modbus TCP server (live::SlaveRequestHandler on live::ModbusTcpServer) on
// 127.0.0.1 with a kernel-chosen port: masters read the documented registers over the wire,
// get Modbus exceptions for what is not served, and are served together, also while another
// connection stays idle or stalls in the middle of a frame.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <chrono>
#include <thread>

#include "ews/installation/installation.hpp"
#include "ews/live/slave_request_handler.hpp"
#include "ews/live/tcp_link.hpp"
#include "ews/profiles/master_slave_map.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/stack/slave_registers.hpp"
#include "master_slave_test_support.hpp"

namespace {

using namespace ews;

struct ServedSlave {
  scenario::Scenario scenario = scenario::parseScenario(master_slave::test::slaveScenario("s", 1000, 1), "s.yaml");
  installation::Installation site = installation::Installation::build(scenario.installation);
  profiles::ProfileCatalogue profiles = profiles::ProfileCatalogue::loadDirectory(profiles::defaultProfileDirectory());
  const profiles::RegisterMap& layout = *profiles.find(installation::DeviceFamily::WsMeasure, "WSMEASURE");
  std::shared_ptr<stack::SlaveRegisters> shared = std::make_shared<stack::SlaveRegisters>(site, layout);
  stack::SlaveRegisters& registers = *shared;
  live::SlaveRequestHandler handler{shared};
  live::ModbusTcpServer server{live::ModbusTcpServerConfig{}, handler};  // 127.0.0.1, port 0

  ServedSlave() {
    std::array<recording::AggregateSample, 1> total{};
    total[0].kind = recording::AggregateSample::Kind::ElectricityTotal;
    total[0].delta = 123456789.0;
    registers.onAggregates(Time{} + minutes(10), total);
    server.start();
  }
  live::TcpLink client() const { return live::TcpLink(live::TcpLinkConfig{"127.0.0.1", server.port(), seconds(1)}); }
};

using master_slave::test::readServedValue;

/// A raw loopback connection to the server (closed with the object).
class RawClient {
 public:
  explicit RawClient(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawClient() { ::close(fd_); }
  bool connected() const { return connected_; }
  void send(std::span<const std::uint8_t> bytes) const { ASSERT_EQ(::send(fd_, bytes.data(), bytes.size(), 0), static_cast<ssize_t>(bytes.size())); }

 private:
  int fd_;
  bool connected_ = false;
};

TEST(SlaveServer, AMasterReadsTheDocumentedRegistersOverModbusTcp) {
  ServedSlave slave;
  live::TcpLink link = slave.client();
  std::array<std::uint16_t, 4> words{};
  const link::Result result = readServedValue(link, 29999, words);
  ASSERT_TRUE(result.ok()) << link::describe(result);
  EXPECT_EQ(profiles::decode(slave.layout.field(0), words), 123456789.0);
  // 123456789 = 0x075BCD15: big-endian words at 0xC000..0xC003.
  EXPECT_EQ(words, (std::array<std::uint16_t, 4>{0, 0, 0x075B, 0xCD15}));
}

TEST(SlaveServer, AnUnknownRemoteIdIsAnsweredWithException2) {
  ServedSlave slave;
  live::TcpLink link = slave.client();
  std::array<std::uint16_t, 4> words{};
  const link::Result result = readServedValue(link, 10042, words);  // the slave has devices 1-3
  EXPECT_EQ(result.status, link::Status::Exception);
  EXPECT_EQ(result.exception, link::ExceptionCode::IllegalDataAddress);
  EXPECT_TRUE(readServedValue(link, 10001, words).ok());  // the connection stays usable
}

TEST(SlaveServer, SeveralMastersAreServedWhileOthersIdleOrStallMidFrame) {
  ServedSlave slave;
  RawClient idle(slave.server.port());
  RawClient stalled(slave.server.port());
  ASSERT_TRUE(idle.connected() && stalled.connected());
  const std::array<std::uint8_t, 3> halfHeader{0x00, 0x01, 0x00};  // 3 of the MBAP header's 7 bytes
  stalled.send(halfHeader);

  constexpr int kMasters = 4;
  constexpr int kReadsEach = 200;
  std::atomic<int> good{0};
  std::atomic<std::int64_t> slowestMicros{0};
  std::vector<std::thread> masters;
  for (int m = 0; m < kMasters; ++m) {
    masters.emplace_back([&] {
      live::TcpLink link = slave.client();
      std::array<std::uint16_t, 4> words{};
      for (int i = 0; i < kReadsEach; ++i) {
        const auto before = std::chrono::steady_clock::now();
        if (readServedValue(link, 29999, words).ok()) ++good;
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - before).count();
        std::int64_t seen = slowestMicros.load();
        while (micros > seen && !slowestMicros.compare_exchange_weak(seen, micros)) {
        }
      }
    });
  }
  for (auto& master : masters) master.join();
  EXPECT_EQ(good.load(), kMasters * kReadsEach);
  // Neither the idle connection nor the half frame (dropped after partialFrameTimeout, 1 s)
  // held anyone up: a read waiting behind them would take that second.
  EXPECT_LT(slowestMicros.load(), 500'000);
}

}  // namespace
