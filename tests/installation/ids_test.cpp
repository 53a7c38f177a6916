#include <stdexcept>

#include <gtest/gtest.h>

#include "ews/installation/limits.hpp"
#include "ews/installation/loads.hpp"
#include "ews/installation/remote_id.hpp"

namespace ews::installation {
namespace {

TEST(RemoteId, DecodesTheFourForms) {
  EXPECT_EQ(decodeRemoteId(10003), (RemoteTarget{RemoteKind::Device, 3}));
  EXPECT_EQ(decodeRemoteId(20007), (RemoteTarget{RemoteKind::Load, 7}));
  EXPECT_EQ(decodeRemoteId(39999), (RemoteTarget{RemoteKind::Group, 9999}));
  EXPECT_EQ(decodeRemoteId(29999), (RemoteTarget{RemoteKind::AllElectricalLoads, 0}));  // "All" wins over load 9999
}

TEST(RemoteId, RefusesOtherNumbers) {
  for (const int remoteId : {0, 247, 9999, 10000, 20000, 30000, 40001, -10001}) {
    EXPECT_FALSE(decodeRemoteId(remoteId)) << remoteId;
  }
}

TEST(RemoteId, EncodesBackAndRefusesUnreachableIds) {
  EXPECT_EQ(encodeRemoteId({RemoteKind::Device, 12}), 10012);
  EXPECT_EQ(encodeRemoteId({RemoteKind::Group, 1}), 30001);
  EXPECT_EQ(encodeRemoteId({RemoteKind::AllElectricalLoads, 0}), 29999);
  EXPECT_THROW(encodeRemoteId({RemoteKind::Load, 9999}), std::out_of_range);
  EXPECT_THROW(encodeRemoteId({RemoteKind::Device, 0}), std::out_of_range);
}

TEST(Loads, PredefinedLoadsComeFirstAndPseudoLoadsAfterTheFourteen) {
  EXPECT_EQ(predefinedLoadId("Heating"), 1);
  EXPECT_EQ(predefinedLoadId("Power sockets"), 6);
  EXPECT_FALSE(predefinedLoadId("Kitchen"));
  EXPECT_EQ(kFirstUserLoadId, 7);
  EXPECT_EQ(kMaxLoads, 14);
  EXPECT_EQ(pseudoLoadId(LoadKind::Others), 15);
  EXPECT_EQ(pseudoLoadId(LoadKind::Water), 16);
  EXPECT_EQ(pseudoLoadId(LoadKind::Gas), 17);
  EXPECT_EQ(pseudoLoadKind("Gas"), LoadKind::Gas);
  EXPECT_EQ(defaultLoadKind(Medium::Water), LoadKind::Water);
  EXPECT_EQ(defaultLoadKind(Medium::Electricity), LoadKind::Others);
}

TEST(Limits, FollowTheVariants) {
  EXPECT_EQ(maxDevices(Variant::Ews10), 10);
  EXPECT_EQ(maxDevices(Variant::Ews32), 32);
  EXPECT_EQ(maxDevices(Variant::Ews255), 255);
  EXPECT_TRUE(hasLocalGateway(Variant::Ews10));
  EXPECT_FALSE(hasLocalGateway(Variant::Ews255));
}

}  // namespace
}  // namespace ews::installation
