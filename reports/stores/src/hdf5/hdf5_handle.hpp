#pragma once
// RAII over HDF5 identifiers and the one place HDF5 errors become exceptions: every call
// that can fail goes through check(), which walks the library's error stack into the
// message (with the file path) instead of letting HDF5 print it to stderr.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ews::stores::hdf5 {

/// Switches HDF5's automatic error printing off for this thread (idempotent).
void silenceAutomaticErrorPrinting();

/// Throws StoreError "<what> (<path>): <error stack>" and clears the stack.
[[noreturn]] void fail(std::string_view what, const std::string& path);

/// Negative ids and statuses are HDF5's failure signal.
inline hid_t check(hid_t id, std::string_view what, const std::string& path) {
  if (id < 0) fail(what, path);
  return id;
}
inline herr_t checkStatus(herr_t status, std::string_view what, const std::string& path) {
  if (status < 0) fail(what, path);
  return status;
}

/// Owns one identifier and closes it with the matching H5xclose.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  /// Gives up ownership (the caller closed it with a checked call).
  hid_t release() { return std::exchange(id_, H5I_INVALID_HID); }
  explicit operator bool() const { return id_ >= 0; }
  /// Closes now; a failure to close is reported by the library's error stack on the next
  /// checked call (destructors must not throw).
  void reset() {
    if (id_ >= 0 && closer_ != nullptr) closer_(id_);
    id_ = H5I_INVALID_HID;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// Checked constructors of owned handles; `path` only names the file in errors.
Handle openGroup(hid_t parent, const std::string& name, const std::string& path);
Handle createGroup(hid_t parent, const std::string& name, const std::string& path);
/// Creation properties of class `propertyClass` (H5P_GROUP_CREATE, H5P_DATASET_CREATE) without
/// object modification times: the same run must give a byte-identical file.
Handle untimedCreationProperties(hid_t propertyClass, const std::string& path);
Handle openDataset(hid_t parent, const std::string& name, const std::string& path);
/// A fixed-size, null-padded UTF-8 string type of `bytes` bytes (SWMR cannot append
/// variable-length strings: the global heap is not SWMR-safe).
Handle fixedStringType(std::size_t bytes, const std::string& path);
/// A variable-length UTF-8 string type (tables written before SWMR starts only).
Handle variableStringType(const std::string& path);

// Attributes of an object (written before SWMR starts, or after the file is reopened).
void writeAttribute(hid_t object, const std::string& name, std::string_view text, const std::string& path);
void writeAttribute(hid_t object, const std::string& name, std::int64_t value, const std::string& path);
void writeAttribute(hid_t object, const std::string& name, std::uint64_t value, const std::string& path);
void writeAttribute(hid_t object, const std::string& name, double value, const std::string& path);
std::int64_t readInt64Attribute(hid_t object, const std::string& name, const std::string& path);

/// A small contiguous table column of strings (variable-length) or int32 values.
void writeStringTable(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                      const std::string& path);
void writeInt32Table(hid_t parent, const std::string& name, const std::vector<int>& values,
                     std::size_t columns, const std::string& path);
/// Small contiguous 1-D columns of int64 or float64 values.
void writeInt64Table(hid_t parent, const std::string& name, const std::vector<std::int64_t>& values,
                     const std::string& path);
void writeFloat64Table(hid_t parent, const std::string& name, const std::vector<double>& values,
                       const std::string& path);
std::vector<int> readInt32Table(hid_t parent, const std::string& name, const std::string& path);

}  // namespace ews::stores::hdf5
