#include "hdf5/append_column.hpp"

#include <algorithm>
#include <cstring>

namespace ews::stores::hdf5 {

void createColumn(hid_t parent, const std::string& name, const ColumnFormat& format, const std::string& path) {
  const int rank = format.depth > 0 ? 3 : format.matrix ? 2 : 1;
  const hsize_t dims[3] = {0, format.width, format.depth};
  // A zero-width matrix (a site without groups) still needs a valid chunk shape: its column
  // dimension is left unlimited so that a chunk of width 1 fits.
  const hsize_t maxDims[3] = {H5S_UNLIMITED, format.width == 0 ? H5S_UNLIMITED : format.width, format.depth};
  const hsize_t chunk[3] = {std::max<std::size_t>(format.chunkRows, 1), std::max<std::size_t>(format.width, 1),
                            std::max<std::size_t>(format.depth, 1)};
  Handle space{check(H5Screate_simple(rank, dims, maxDims), "dataspace of " + name, path), H5Sclose};
  Handle properties = untimedCreationProperties(H5P_DATASET_CREATE, path);
  checkStatus(H5Pset_chunk(properties.get(), rank, chunk), "chunking of " + name, path);
  checkStatus(H5Pset_shuffle(properties.get()), "shuffle filter of " + name, path);
  checkStatus(H5Pset_deflate(properties.get(), std::clamp(format.deflateLevel, 1U, 9U)), "deflate filter of " + name,
              path);
  Handle dataset{check(H5Dcreate2(parent, name.c_str(), format.fileType, space.get(), H5P_DEFAULT, properties.get(),
                                  H5P_DEFAULT),
                       "cannot create dataset " + name, path),
                 H5Dclose};
}

namespace {
/// Opens `name` with a chunk cache of one chunk. HDF5's default keeps up to 1 MiB of chunks per
/// dataset, and an appended chunk is never read again, so the cache of every column filled up
/// with old chunks as the trace grew (a box's memory rose for weeks). One chunk keeps the chunk
/// being filled when a flush writes part of it, and a whole written chunk goes out first (w0 = 1).
Handle openForAppending(hid_t parent, const std::string& name, const std::string& path) {
  std::size_t chunkBytes = 0;
  {
    const Handle probe = openDataset(parent, name, path);
    const Handle creation{check(H5Dget_create_plist(probe.get()), "creation properties of " + name, path), H5Pclose};
    hsize_t chunk[3] = {1, 1, 1};
    const int rank = H5Pget_chunk(creation.get(), 3, chunk);
    if (rank < 1) fail("chunk shape of " + name, path);
    const Handle type{check(H5Dget_type(probe.get()), "type of " + name, path), H5Tclose};
    chunkBytes = H5Tget_size(type.get());
    for (int d = 0; d < rank; ++d) chunkBytes *= static_cast<std::size_t>(chunk[d]);
  }
  const Handle access{check(H5Pcreate(H5P_DATASET_ACCESS), "access properties of " + name, path), H5Pclose};
  constexpr std::size_t kSlots = 7;  // a prime above the one chunk held
  checkStatus(H5Pset_chunk_cache(access.get(), kSlots, chunkBytes, 1.0), "chunk cache of " + name, path);
  return {check(H5Dopen2(parent, name.c_str(), access.get()), "cannot open dataset " + name, path), H5Dclose};
}
}  // namespace

AppendColumn::AppendColumn(hid_t parent, const std::string& name, hid_t memoryType, const std::string& path)
    : name_(name), path_(path), dataset_(openForAppending(parent, name, path)) {
  memoryType_ = Handle{check(H5Tcopy(memoryType), "memory type of " + name, path), H5Tclose};
  elementBytes_ = H5Tget_size(memoryType_.get());
  if (elementBytes_ == 0) fail("element size of " + name, path);
  Handle space{check(H5Dget_space(dataset_.get()), "dataspace of " + name, path), H5Sclose};
  hsize_t dims[3] = {0, 1, 1};
  rank_ = H5Sget_simple_extent_ndims(space.get());
  if (rank_ < 1 || rank_ > 3) fail("unexpected rank of " + name, path);
  H5Sget_simple_extent_dims(space.get(), dims, nullptr);
  rowsOnDisk_ = static_cast<std::size_t>(dims[0]);
  width_ = 1;
  for (int d = 1; d < rank_; ++d) {
    rowShape_[d - 1] = dims[d];
    width_ *= static_cast<std::size_t>(dims[d]);
  }
}

void AppendColumn::append(const void* row) {
  if (width_ == 0) {
    ++pendingEmptyRows_;
    return;
  }
  const auto* bytes = static_cast<const unsigned char*>(row);
  pending_.insert(pending_.end(), bytes, bytes + rowBytes());
}

void AppendColumn::setRows(std::size_t rows) {
  const hsize_t dims[3] = {rows, rowShape_[0], rowShape_[1]};
  checkStatus(H5Dset_extent(dataset_.get(), dims), "cannot resize " + name_, path_);
  rowsOnDisk_ = rows;
}

std::pair<Handle, Handle> AppendColumn::rowSpaces(std::size_t first, std::size_t count) const {
  const hsize_t start[3] = {first, 0, 0};
  const hsize_t extent[3] = {count, rowShape_[0], rowShape_[1]};
  Handle fileSpace{check(H5Dget_space(dataset_.get()), "dataspace of " + name_, path_), H5Sclose};
  checkStatus(H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start, nullptr, extent, nullptr),
              "selection in " + name_, path_);
  Handle memorySpace{check(H5Screate_simple(rank_, extent, nullptr), "memory space of " + name_, path_), H5Sclose};
  return {std::move(fileSpace), std::move(memorySpace)};
}

void AppendColumn::writePending() {
  const std::size_t rows = pendingRows();
  if (rows == 0) return;
  const std::size_t first = rowsOnDisk_;
  setRows(first + rows);
  if (width_ > 0) {
    const auto [fileSpace, memorySpace] = rowSpaces(first, rows);
    checkStatus(H5Dwrite(dataset_.get(), memoryType_.get(), memorySpace.get(), fileSpace.get(), H5P_DEFAULT,
                         pending_.data()),
                "cannot write " + name_, path_);
  }
  pending_.clear();
  pendingEmptyRows_ = 0;
}

void AppendColumn::truncate(std::size_t rows) {
  if (rows < rowsOnDisk_) setRows(rows);
}

void AppendColumn::readRow(std::size_t row, void* out) const {
  if (width_ == 0) return;
  const auto [fileSpace, memorySpace] = rowSpaces(row, 1);
  checkStatus(H5Dread(dataset_.get(), memoryType_.get(), memorySpace.get(), fileSpace.get(), H5P_DEFAULT, out),
              "cannot read " + name_, path_);
}

}  // namespace ews::stores::hdf5
