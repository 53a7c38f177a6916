#pragma once
// An input stream whose text is made as it is read: each time the reader needs more, `next`
// appends the following block (a day of rows) and returns false once there is no more. So a
// zip library that copies a file from an std::istream (Poco::Zip::Compress::addFile) compresses
// a file that never exists whole, in memory or on disk.
#include <functional>
#include <istream>
#include <streambuf>
#include <string>

namespace ews::exporting::detail {

class PulledBuf final : public std::streambuf {
 public:
  using Next = std::function<bool(std::string& block)>;
  explicit PulledBuf(Next next) : next_(std::move(next)) {}

 protected:
  int_type underflow() override {
    block_.clear();
    while (block_.empty() && more_) more_ = next_(block_);
    if (block_.empty()) return traits_type::eof();
    setg(block_.data(), block_.data(), block_.data() + block_.size());
    return traits_type::to_int_type(block_[0]);
  }

 private:
  Next next_;
  std::string block_;
  bool more_ = true;
};

class PulledStream final : public std::istream {
 public:
  explicit PulledStream(PulledBuf::Next next) : std::istream(nullptr), buf_(std::move(next)) { rdbuf(&buf_); }

 private:
  PulledBuf buf_;
};

}  // namespace ews::exporting::detail
