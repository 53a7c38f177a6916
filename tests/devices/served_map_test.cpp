// ServedMap keeps where its last few distinct reads start (a poller repeats the same reads
// every cycle): whatever the order and however many distinct reads, each gets the answer of
// a first-time read, refusals included.
#include "ews/devices/served_map.hpp"

#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <vector>

namespace {

using ews::link::ExceptionCode;

/// Serves every field with its own index + 100, so an answer shows which fields it holds.
class IndexBehaviour final : public ews::devices::Behaviour {
 public:
  IndexBehaviour() : Behaviour(nullptr) {}
  std::optional<std::uint32_t> bind(std::string_view) override { return next_++; }
  void prepare(ews::Time) override {}
  double value(std::uint32_t code) const override { return 100.0 + code; }

 private:
  std::uint32_t next_ = 0;
};

std::shared_ptr<const ews::profiles::RegisterMap> tenRegisters() {
  std::vector<ews::profiles::Field> fields;
  for (std::uint16_t i = 0; i < 10; ++i) {
    ews::profiles::Field field;
    field.name = "voltage.L1N";  // names do not matter to IndexBehaviour
    field.address = static_cast<std::uint16_t>(2 * i);
    field.type = ews::profiles::Type::U32;
    fields.push_back(field);
  }
  return std::make_shared<const ews::profiles::RegisterMap>(ews::profiles::ProfileInfo{}, std::move(fields));
}

TEST(ServedMap, RepeatedReadsInAnyOrderGetFirstTimeAnswers) {
  IndexBehaviour behaviour;
  ews::devices::ServedMap map(tenRegisters(), 0, {&behaviour});
  struct Read {
    std::uint16_t address;
    std::uint16_t count;
    ExceptionCode expected;
  };
  // Seven distinct reads (more than the map keeps), two refused.
  const std::vector<Read> reads = {{0, 2, ExceptionCode::None},  {2, 4, ExceptionCode::None},
                                   {6, 8, ExceptionCode::None},  {14, 6, ExceptionCode::None},
                                   {1, 2, ExceptionCode::None},  {18, 4, ExceptionCode::IllegalDataAddress},
                                   {4, 0, ExceptionCode::IllegalDataAddress}};
  for (int round = 0; round < 4; ++round) {
    for (std::size_t k = 0; k < reads.size(); ++k) {
      const Read& read = reads[(round % 2 == 0 ? k : reads.size() - 1 - k)];
      std::array<std::uint16_t, 8> words{};
      ews::link::Request request;
      request.unitId = 1;
      request.function = ews::link::Function::ReadHoldingRegisters;
      request.address = read.address;
      request.count = read.count;
      request.readBuffer = words;
      ASSERT_EQ(map.serve(request, ews::Time{}), read.expected) << read.address << " round " << round;
      if (read.expected != ExceptionCode::None) continue;
      // Field f (index f) holds 100 + f in words 2f (high) and 2f + 1 (low).
      for (std::uint16_t w = 0; w < read.count; ++w) {
        const unsigned address = read.address + w;
        const auto value = static_cast<std::uint16_t>(address % 2 == 1 ? 100 + address / 2 : 0);
        EXPECT_EQ(words[w], value) << "address " << address << " round " << round;
      }
    }
  }
}

}  // namespace
