#pragma once
// Running the real `ews` binary from a test: its exit code and console output, the shipped
// scenarios, and a fresh directory per test for outputs.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ews::cli::testing {

namespace fs = std::filesystem;

struct CommandResult {
  int exitCode;
  std::string output;  // stdout and stderr together
};

inline CommandResult runEws(const std::string& arguments) {
  const std::string command = std::string(EWS_BINARY_DIR) + "/cli/ews " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  while (pipe != nullptr && fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = pipe != nullptr ? pclose(pipe) : -1;
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

inline std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string scenarioPath(const std::string& name) { return std::string(EWS_SOURCE_DIR) + "/scenarios/" + name; }

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ews-cli-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

}  // namespace ews::cli::testing
