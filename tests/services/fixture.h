#pragma once
// A fresh state file and embedded backend per test.
#include "services/embedded_backend.h"
#include "state/ids.h"
#include "state/store.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace cfnlocal::services {

/// Runs `command` in a shell with stderr joined to stdout and returns what it printed; `status`
/// gets its exit status (-1 when it did not exit normally). The boto3 scripts under data/ run so.
inline std::string run_command(const std::string &command, int &status) {
  FILE *pipe = popen((command + " 2>&1").c_str(), "r");
  std::string out;
  std::array<char, 4096> buffer;
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
    out.append(buffer.data(), n);
  int raw = pclose(pipe);
  status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

class EmbeddedTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cfnlocal-services-" + std::to_string(getpid()) + "-" + state::uuid4().substr(0, 8));
    store_ = std::make_unique<state::Store>(dir_ / "state.db");
    backend_ = std::make_unique<EmbeddedBackend>(*store_, "us-east-1", "123456789012");
  }
  void TearDown() override {
    backend_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  Json call(std::string_view service, std::string_view op, const Json &input = Json::object()) {
    return backend_->call(service, op, input);
  }
  /// The error code a call fails with ("" when it succeeds).
  std::string error_of(std::string_view service, std::string_view op, const Json &input) {
    try {
      backend_->call(service, op, input);
    } catch (const ServiceError &e) {
      last_error_ = e.message();
      last_status_ = e.http_status();
      return e.code();
    }
    return "";
  }
  std::filesystem::path dir_;
  std::unique_ptr<state::Store> store_;
  std::unique_ptr<EmbeddedBackend> backend_;
  std::string last_error_;
  int last_status_ = 0;
};

} // namespace cfnlocal::services
