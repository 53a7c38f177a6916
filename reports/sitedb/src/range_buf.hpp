#pragma once
// A stream buffer serving at most `limit` bytes of another stream from its current position:
// one zip entry's compressed data for the inflater (which then cannot read into the next entry),
// or the part of a growing file a backup takes, hashed on the way by `onRead`.
#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <istream>
#include <streambuf>

namespace ews::sitedb::detail {

class RangeBuf : public std::streambuf {
 public:
  using Observer = std::function<void(const char* bytes, std::size_t count)>;
  RangeBuf(std::istream& in, std::uint64_t limit, Observer onRead = {})
      : in_(in), left_(limit), onRead_(std::move(onRead)) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (left_ == 0) return traits_type::eof();
    const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(left_, buffer_.size()));
    in_.read(buffer_.data(), want);
    const std::streamsize got = in_.gcount();
    if (got <= 0) return traits_type::eof();
    left_ -= static_cast<std::uint64_t>(got);
    if (onRead_) onRead_(buffer_.data(), static_cast<std::size_t>(got));
    setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::istream& in_;
  std::uint64_t left_;
  Observer onRead_;
  std::array<char, 64 * 1024> buffer_{};
};

}  // namespace ews::sitedb::detail
