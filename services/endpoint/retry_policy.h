#pragma once
/// \file
/// The AWS SDKs' "standard" retry mode
/// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html): at most 3
/// attempts; throttling errors, transient errors (5xx, timeouts, connection failures) retried
/// after a truncated exponential backoff with full jitter, min(random[0,1) * 2^attempt, 20) s.

#include <chrono>
#include <functional>
#include <string_view>

namespace cfnlocal::services::endpoint {

/// True for the error codes the SDKs treat as throttling ("Throttling", "ThrottlingException",
/// "TooManyRequestsException", "RequestLimitExceeded", "SlowDown", ...).
bool is_throttling_code(std::string_view code);
/// True for transient failures: HTTP 500/502/503/504, "RequestTimeout", "InternalError", ...
bool is_transient(std::string_view code, int http_status);

/// Retry settings; `sleep` is swappable so tests need not wait.
struct RetryPolicy {
  int max_attempts = 3;
  std::chrono::milliseconds base{1000};
  std::chrono::milliseconds max_backoff{20000};
  std::function<void(std::chrono::milliseconds)> sleep;
  /// Random fraction in [0, 1) for the jitter.
  std::function<double()> random;

  /// The standard policy with a real sleep and random source.
  static RetryPolicy standard();
  /// The delay before attempt `attempt` + 1 (attempt counts from 1).
  std::chrono::milliseconds backoff(int attempt) const;
};

} // namespace cfnlocal::services::endpoint
