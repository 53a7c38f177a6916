#pragma once
// Any failure of a store (HDF5 library error, file system error, a trace that does not match
// the installation). The message names the file and, for HDF5, the library's error stack.
#include <stdexcept>

namespace ews::stores {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace ews::stores
