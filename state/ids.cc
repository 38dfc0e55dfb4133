#include "state/ids.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <random>

namespace cfnlocal::state {

namespace {
std::mt19937_64 &rng() {
  thread_local std::mt19937_64 engine{[] {
    std::random_device device;
    return (static_cast<uint64_t>(device()) << 32) ^ device() ^
           static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }()};
  return engine;
}

std::string format_time(bool millis) {
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
  return millis ? fmt::format("{}.{:03d}Z", buffer, static_cast<int>(ms))
                : fmt::format("{}Z", buffer);
}
} // namespace

std::string uuid4() {
  uint64_t hi = rng()(), lo = rng()();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xffff,
                     hi & 0xffff, lo >> 48, lo & 0xffffffffffffULL);
}

std::string partition_for_region(std::string_view region) {
  if (region.starts_with("cn-"))
    return "aws-cn";
  if (region.starts_with("us-gov-"))
    return "aws-us-gov";
  if (region.starts_with("us-isob-"))
    return "aws-iso-b";
  if (region.starts_with("us-iso-"))
    return "aws-iso";
  return "aws";
}

std::string make_stack_id(std::string_view region, std::string_view account,
                          std::string_view stack_name) {
  return fmt::format("arn:{}:cloudformation:{}:{}:stack/{}/{}", partition_for_region(region),
                     region, account, stack_name, uuid4());
}

std::string make_change_set_id(std::string_view region, std::string_view account,
                               std::string_view change_set_name) {
  return fmt::format("arn:{}:cloudformation:{}:{}:changeSet/{}/{}", partition_for_region(region),
                     region, account, change_set_name, uuid4());
}

std::string now_iso8601() { return format_time(true); }
std::string now_iso8601_seconds() { return format_time(false); }

} // namespace cfnlocal::state
