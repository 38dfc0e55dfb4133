#include "services/endpoint/retry_policy.h"

#include <algorithm>
#include <array>
#include <random>
#include <thread>

namespace cfnlocal::services::endpoint {

bool is_throttling_code(std::string_view code) {
  static constexpr std::array<std::string_view, 15> kCodes{"Throttling",
                                                           "ThrottlingException",
                                                           "ThrottledException",
                                                           "RequestThrottledException",
                                                           "TooManyRequestsException",
                                                           "ProvisionedThroughputExceededException",
                                                           "TransactionInProgressException",
                                                           "RequestLimitExceeded",
                                                           "BandwidthLimitExceeded",
                                                           "LimitExceededException",
                                                           "RequestThrottled",
                                                           "SlowDown",
                                                           "PriorRequestNotComplete",
                                                           "EC2ThrottledException",
                                                           "ThrottledException"};
  return std::find(kCodes.begin(), kCodes.end(), code) != kCodes.end();
}

bool is_transient(std::string_view code, int http_status) {
  if (http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504)
    return true;
  static constexpr std::array<std::string_view, 6> kCodes{
      "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
      "InternalError",  "InternalFailure",         "ServiceUnavailable"};
  return std::find(kCodes.begin(), kCodes.end(), code) != kCodes.end();
}

RetryPolicy RetryPolicy::standard() {
  RetryPolicy p;
  p.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  p.random = [] {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
  };
  return p;
}

std::chrono::milliseconds RetryPolicy::backoff(int attempt) const {
  double cap = static_cast<double>(
      std::min<long long>(base.count() << std::min(attempt - 1, 20), max_backoff.count()));
  double r = random ? random() : 0.5;
  return std::chrono::milliseconds(static_cast<long long>(r * cap));
}

} // namespace cfnlocal::services::endpoint
