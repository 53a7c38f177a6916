# Every third-party dependency of ews-twin, found once here. The Debian packages
# that provide them are listed in tools/install-deps.sh (and only there).

find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)                       # Boost.Graph is header-only
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(HDF5 REQUIRED COMPONENTS C)
find_package(Poco REQUIRED COMPONENTS Foundation Net NetSSL Util JSON Zip)   # Zip: backup archives (reports/sitedb)
find_package(date REQUIRED)                             # date::date, date::date-tz (OS tz database)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(SQLite3 REQUIRED)                         # the site database (reports/sitedb)
find_package(OpenSSL REQUIRED)                         # PBKDF2 hashes of the users' codes (reports/sitedb)

find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBMODBUS REQUIRED IMPORTED_TARGET libmodbus>=3.1)

if(EWS_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(EWS_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
# Debian's interpreter carries numpy/h5py/pandas/pymodbus; the first python3 on PATH may not.
# The interpreter runs the Python and interoperability tests even without the module.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3)
endif()
if(EWS_BUILD_PYTHON)
  find_package(Python3 REQUIRED COMPONENTS Interpreter Development.Module)
  set(PYBIND11_FINDPYTHON ON)
  find_package(pybind11 2.10 REQUIRED CONFIG)
else()
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
endif()

# yaml-cpp 0.7 of bookworm exports a plain target name; give it a namespaced alias.
if(TARGET yaml-cpp AND NOT TARGET yaml-cpp::yaml-cpp)
  add_library(yaml-cpp::yaml-cpp ALIAS yaml-cpp)
endif()
