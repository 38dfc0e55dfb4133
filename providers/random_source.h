#pragma once
/// \file
/// The randomness behind generated names and ids. Seedable so tests and repeatable runs get the
/// same physical IDs; shared by the providers of one engine and safe to use from several threads
/// (each call takes an internal lock).

#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

namespace cfnlocal::providers {

class RandomSource {
public:
  /// Seeded from std::random_device.
  RandomSource();
  explicit RandomSource(uint64_t seed) : engine_(seed) {}

  /// `n` characters of [A-Z0-9] (CloudFormation's generated-name suffix alphabet).
  std::string upper_alnum(size_t n);
  /// `n` characters of [a-z0-9].
  std::string lower_alnum(size_t n);
  /// `n` lowercase hex digits.
  std::string hex(size_t n);
  /// `n` decimal digits (the first one not 0).
  std::string digits(size_t n);
  /// A version 4 UUID, lowercase: "1b4e28ba-2fa1-41d2-883f-0016d3cca427".
  std::string uuid();
  /// A uniform integer in [lo, hi].
  int64_t between(int64_t lo, int64_t hi);

private:
  std::string pick(std::string_view alphabet, size_t n);

  std::mutex mutex_;
  std::mt19937_64 engine_;
};

} // namespace cfnlocal::providers
