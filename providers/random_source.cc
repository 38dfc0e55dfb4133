#include "providers/random_source.h"

namespace cfnlocal::providers {
std::string RandomSource::pick(std::string_view alphabet, size_t n) {
  std::lock_guard lock(mutex_);
  std::uniform_int_distribution<size_t> dist(0, alphabet.size() - 1);
  std::string out(n, ' ');
  for (auto &c : out)
    c = alphabet[dist(engine_)];
  return out;
}

RandomSource::RandomSource() : engine_(std::random_device{}()) {}

std::string RandomSource::upper_alnum(size_t n) {
  return pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", n);
}

std::string RandomSource::lower_alnum(size_t n) {
  return pick("abcdefghijklmnopqrstuvwxyz0123456789", n);
}

std::string RandomSource::hex(size_t n) { return pick("0123456789abcdef", n); }

std::string RandomSource::digits(size_t n) {
  if (n == 0)
    return "";
  return pick("123456789", 1) + pick("0123456789", n - 1);
}

std::string RandomSource::uuid() {
  std::string h = hex(32);
  h[12] = '4';
  h[16] = "89ab"[between(0, 3)];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20);
}

int64_t RandomSource::between(int64_t lo, int64_t hi) {
  std::lock_guard lock(mutex_);
  std::uniform_int_distribution<int64_t> dist(lo, hi);
  return dist(engine_);
}

} // namespace cfnlocal::providers
