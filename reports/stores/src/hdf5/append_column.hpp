#pragma once
// One extendible, chunked column dataset of the trace: 1-D [rows], 2-D [rows x width] (one
// column per device, load or group) or 3-D [rows x width x depth] (costs: per device and
// tariff). Rows are buffered in memory and written in one
// H5Dwrite per flush, so with the flush interval equal to the chunk height every write
// covers whole chunks and a compressed chunk is never read back to be patched.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "hdf5/hdf5_handle.hpp"

namespace ews::stores::hdf5 {

struct ColumnFormat {
  hid_t fileType = H5I_INVALID_HID;  ///< type on disk (borrowed)
  std::size_t width = 1;             ///< columns per row
  bool matrix = false;               ///< 2-D [rows x width] even when width is 1
  std::size_t chunkRows = 1024;
  unsigned deflateLevel = 3;
  std::size_t depth = 0;  ///< > 0: 3-D [rows x width x depth] (implies matrix)
};

/// Creates the empty dataset `name` under `parent` with shuffle + deflate.
void createColumn(hid_t parent, const std::string& name, const ColumnFormat& format, const std::string& path);

class AppendColumn {
 public:
  /// Opens an existing column; `memoryType` is the in-memory type of appended values (copied).
  AppendColumn(hid_t parent, const std::string& name, hid_t memoryType, const std::string& path);

  /// Values per row (width x depth for a 3-D column).
  std::size_t width() const { return width_; }
  std::size_t rowsOnDisk() const { return rowsOnDisk_; }
  std::size_t pendingRows() const { return width_ == 0 ? pendingEmptyRows_ : pending_.size() / rowBytes(); }

  /// Buffers one row of width() values of the memory type.
  void append(const void* row);
  /// Writes the buffered rows after the rows on disk (extends the dataset). The file is
  /// flushed by the caller, once for all columns (SWMR readers see a consistent state).
  void writePending();
  /// Shrinks the dataset to `rows` (crash repair before SWMR writing starts).
  void truncate(std::size_t rows);
  /// Reads one row from disk into `out` (width() values of the memory type).
  void readRow(std::size_t row, void* out) const;

 private:
  std::size_t rowBytes() const { return width_ * elementBytes_; }
  void setRows(std::size_t rows);
  /// The dataspace selecting rows [first, first + count) in the file, and its memory twin.
  std::pair<Handle, Handle> rowSpaces(std::size_t first, std::size_t count) const;

  std::string name_;
  std::string path_;
  Handle dataset_;
  Handle memoryType_;
  std::size_t elementBytes_ = 0;
  std::size_t width_ = 1;
  int rank_ = 1;
  hsize_t rowShape_[2] = {1, 1};  // extents after the row dimension (rank_ - 1 of them)
  std::size_t rowsOnDisk_ = 0;
  std::vector<unsigned char> pending_;
  std::size_t pendingEmptyRows_ = 0;  // rows of a zero-width matrix (no loads/groups) still count
};

}  // namespace ews::stores::hdf5
