#include "hdf5/hdf5_handle.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ews/stores/store_error.hpp"

namespace ews::stores::hdf5 {

namespace {

herr_t collectFrame(unsigned depth, const H5E_error2_t* error, void* clientData) {
  auto& text = *static_cast<std::string*>(clientData);
  if (depth > 0) text += "; ";
  text += fmt::format("{}: {}", error->func_name != nullptr ? error->func_name : "?",
                      error->desc != nullptr ? error->desc : "(no description)");
  return 0;
}

}  // namespace

void silenceAutomaticErrorPrinting() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

void fail(std::string_view what, const std::string& path) {
  std::string stack;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collectFrame, &stack);
  H5Eclear2(H5E_DEFAULT);
  if (stack.empty()) stack = "no HDF5 error recorded";
  throw StoreError(fmt::format("HDF5: {} ({}): {}", what, path, stack));
}

Handle openGroup(hid_t parent, const std::string& name, const std::string& path) {
  return {check(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), "cannot open group " + name, path), H5Gclose};
}

Handle untimedCreationProperties(hid_t propertyClass, const std::string& path) {
  Handle properties{check(H5Pcreate(propertyClass), "creation properties", path), H5Pclose};
  checkStatus(H5Pset_obj_track_times(properties.get(), false), "object times", path);
  return properties;
}

Handle createGroup(hid_t parent, const std::string& name, const std::string& path) {
  const Handle properties = untimedCreationProperties(H5P_GROUP_CREATE, path);
  return {check(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, properties.get(), H5P_DEFAULT),
                "cannot create group " + name, path),
          H5Gclose};
}

Handle openDataset(hid_t parent, const std::string& name, const std::string& path) {
  return {check(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "cannot open dataset " + name, path), H5Dclose};
}

Handle fixedStringType(std::size_t bytes, const std::string& path) {
  Handle type{check(H5Tcopy(H5T_C_S1), "string type", path), H5Tclose};
  checkStatus(H5Tset_size(type.get(), bytes), "string type size", path);
  checkStatus(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), "string padding", path);
  checkStatus(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string character set", path);
  return type;
}

Handle variableStringType(const std::string& path) {
  Handle type{check(H5Tcopy(H5T_C_S1), "string type", path), H5Tclose};
  checkStatus(H5Tset_size(type.get(), H5T_VARIABLE), "string type size", path);
  checkStatus(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string character set", path);
  return type;
}

namespace {

/// Replaces an attribute: the size of a string attribute may change between writes.
Handle freshAttribute(hid_t object, const std::string& name, hid_t type, const std::string& path) {
  if (checkStatus(H5Aexists(object, name.c_str()), "attribute lookup " + name, path) > 0) {
    checkStatus(H5Adelete(object, name.c_str()), "cannot replace attribute " + name, path);
  }
  Handle space{check(H5Screate(H5S_SCALAR), "scalar space", path), H5Sclose};
  return {check(H5Acreate2(object, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                "cannot create attribute " + name, path),
          H5Aclose};
}

}  // namespace

void writeAttribute(hid_t object, const std::string& name, std::string_view text, const std::string& path) {
  // A fixed-size string of the text's length (at least 1 byte: HDF5 refuses size 0).
  Handle type = fixedStringType(std::max<std::size_t>(text.size(), 1), path);
  Handle attribute = freshAttribute(object, name, type.get(), path);
  std::string buffer(text);
  buffer.resize(std::max<std::size_t>(text.size(), 1), '\0');
  checkStatus(H5Awrite(attribute.get(), type.get(), buffer.data()), "cannot write attribute " + name, path);
}

void writeAttribute(hid_t object, const std::string& name, std::int64_t value, const std::string& path) {
  Handle attribute = freshAttribute(object, name, H5T_STD_I64LE, path);
  checkStatus(H5Awrite(attribute.get(), H5T_NATIVE_INT64, &value), "cannot write attribute " + name, path);
}

void writeAttribute(hid_t object, const std::string& name, double value, const std::string& path) {
  Handle attribute = freshAttribute(object, name, H5T_IEEE_F64LE, path);
  checkStatus(H5Awrite(attribute.get(), H5T_NATIVE_DOUBLE, &value), "cannot write attribute " + name, path);
}

void writeAttribute(hid_t object, const std::string& name, std::uint64_t value, const std::string& path) {
  Handle attribute = freshAttribute(object, name, H5T_STD_U64LE, path);
  checkStatus(H5Awrite(attribute.get(), H5T_NATIVE_UINT64, &value), "cannot write attribute " + name, path);
}

std::int64_t readInt64Attribute(hid_t object, const std::string& name, const std::string& path) {
  Handle attribute{check(H5Aopen(object, name.c_str(), H5P_DEFAULT), "cannot open attribute " + name, path), H5Aclose};
  std::int64_t value = 0;
  checkStatus(H5Aread(attribute.get(), H5T_NATIVE_INT64, &value), "cannot read attribute " + name, path);
  return value;
}

void writeStringTable(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                      const std::string& path) {
  const hsize_t dims[1] = {values.size()};
  Handle space{check(H5Screate_simple(1, dims, nullptr), "dataspace of " + name, path), H5Sclose};
  Handle type = variableStringType(path);
  const Handle properties = untimedCreationProperties(H5P_DATASET_CREATE, path);
  Handle dataset{check(H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT, properties.get(),
                                  H5P_DEFAULT),
                       "cannot create dataset " + name, path),
                 H5Dclose};
  if (values.empty()) return;
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& value : values) pointers.push_back(value.c_str());
  checkStatus(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
              "cannot write dataset " + name, path);
}

namespace {
/// A contiguous [count / columns x columns] dataset (1-D when columns == 1) of `fileType`.
void writeTable(hid_t parent, const std::string& name, hid_t fileType, hid_t memoryType, const void* values,
                std::size_t count, std::size_t columns, const std::string& path) {
  const hsize_t rows = columns == 0 ? 0 : count / columns;
  const hsize_t dims[2] = {rows, columns};
  Handle space{check(H5Screate_simple(columns == 1 ? 1 : 2, dims, nullptr), "dataspace of " + name, path), H5Sclose};
  const Handle properties = untimedCreationProperties(H5P_DATASET_CREATE, path);
  Handle dataset{
      check(H5Dcreate2(parent, name.c_str(), fileType, space.get(), H5P_DEFAULT, properties.get(), H5P_DEFAULT),
            "cannot create dataset " + name, path),
      H5Dclose};
  if (count == 0) return;
  checkStatus(H5Dwrite(dataset.get(), memoryType, H5S_ALL, H5S_ALL, H5P_DEFAULT, values),
              "cannot write dataset " + name, path);
}
}  // namespace

void writeInt32Table(hid_t parent, const std::string& name, const std::vector<int>& values, std::size_t columns,
                     const std::string& path) {
  writeTable(parent, name, H5T_STD_I32LE, H5T_NATIVE_INT, values.data(), values.size(), columns, path);
}

void writeInt64Table(hid_t parent, const std::string& name, const std::vector<std::int64_t>& values,
                     const std::string& path) {
  writeTable(parent, name, H5T_STD_I64LE, H5T_NATIVE_INT64, values.data(), values.size(), 1, path);
}

void writeFloat64Table(hid_t parent, const std::string& name, const std::vector<double>& values,
                       const std::string& path) {
  writeTable(parent, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, values.data(), values.size(), 1, path);
}

std::vector<int> readInt32Table(hid_t parent, const std::string& name, const std::string& path) {
  Handle dataset = openDataset(parent, name, path);
  Handle space{check(H5Dget_space(dataset.get()), "dataspace of " + name, path), H5Sclose};
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count < 0) fail("extent of " + name, path);
  std::vector<int> values(static_cast<std::size_t>(count));
  if (!values.empty()) {
    checkStatus(H5Dread(dataset.get(), H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                "cannot read dataset " + name, path);
  }
  return values;
}

}  // namespace ews::stores::hdf5
