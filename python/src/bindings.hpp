#pragma once
// The parts of the module `ews._ews`, each registering its classes and functions.
#include <pybind11/pybind11.h>

namespace ews::python {

void bindEngine(pybind11::module_& m);
void bindSweep(pybind11::module_& m);

}  // namespace ews::python
