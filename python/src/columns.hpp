#pragma once
// Columns that the engine appends to while it runs and that Python reads as numpy arrays without
// copying them. A view handed to Python shares ownership of the column's buffer (the array's
// base is a capsule holding a shared_ptr), so it stays valid whatever the engine does later. The
// buffer is copied on write: an append to a buffer some view still holds first moves the column
// to a fresh copy, so the view keeps the values it was given (a snapshot, read-only) and the
// appends of a whole run cost nothing when no view is held.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

namespace ews::python {

template <typename T>
class GrowingColumn {
 public:
  /// `width` values per row: 1 for a time column, D for a [time x device] matrix.
  explicit GrowingColumn(std::size_t width = 1) : width_(width), values_(std::make_shared<std::vector<T>>()) {}

  std::size_t width() const { return width_; }
  std::size_t rows() const { return values_->size() / width_; }

  /// Appends one row of width() values.
  void append(std::span<const T> row) {
    detachIfShared();
    values_->insert(values_->end(), row.begin(), row.end());
  }
  void append(const T& value) { append(std::span<const T>(&value, 1)); }

  /// A read-only numpy view of the rows so far: 1-D for width 1, else [rows x width].
  pybind11::array view() const {
    namespace py = pybind11;
    auto* owner = new std::shared_ptr<const std::vector<T>>(values_);
    const py::capsule base(owner, [](void* p) { delete static_cast<std::shared_ptr<const std::vector<T>>*>(p); });
    std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(rows())};
    if (width_ != 1) shape.push_back(static_cast<py::ssize_t>(width_));
    py::array array(py::dtype::of<T>(), shape, values_->data(), base);
    // The buffer may be shared with later views: nobody writes it once shared.
    array.attr("setflags")(py::arg("write") = false);
    return array;
  }

 private:
  void detachIfShared() {
    // use_count() may be read while a Python thread drops a view: a stale count > 1 only costs
    // a needless copy; a count of 1 means no view exists, and none can be made during a run.
    if (values_.use_count() > 1) values_ = std::make_shared<std::vector<T>>(*values_);
  }

  std::size_t width_;
  std::shared_ptr<std::vector<T>> values_;
};

}  // namespace ews::python
