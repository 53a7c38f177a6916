# `ews live --data` killed with SIGKILL at random moments and restarted on the same data folder,
# polling `ews twin` at 3600x over loopback: the database stays intact, every bucket holds its
# samples exactly once, and the consumption pages match the twin's energy registers
# (test_kill_restart.py, about 45 s).
add_test(NAME sitedb_kill_restart_tests
         COMMAND ${Python3_EXECUTABLE} -m pytest -q -p no:cacheprovider ${CMAKE_CURRENT_SOURCE_DIR}/test_kill_restart.py)
set_tests_properties(sitedb_kill_restart_tests PROPERTIES
  ENVIRONMENT "EWS_BINARY=$<TARGET_FILE:ews>;EWS_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
  TIMEOUT 240
  # Wall-clock paced processes at 3600x: alone on the machine, as its timing assumes.
  RUN_SERIAL TRUE)
