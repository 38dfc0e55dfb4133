#include "intrinsics/cidr.h"

#include "parser/diagnostic.h"

#include <arpa/inet.h>
#include <charconv>
#include <fmt/format.h>

namespace cfnlocal::intrinsics {

namespace {
using u128 = unsigned __int128;

[[noreturn]] void fail(const std::string &message, const Mark &mark) {
  throw Error("Template error: Fn::Cidr " + message, mark);
}

std::string format_v6(u128 address) {
  unsigned char bytes[16];
  for (int i = 15; i >= 0; --i) {
    bytes[i] = static_cast<unsigned char>(address & 0xff);
    address >>= 8;
  }
  char buf[INET6_ADDRSTRLEN];
  inet_ntop(AF_INET6, bytes, buf, sizeof buf);
  return buf;
}
} // namespace

std::vector<std::string> compute_cidr(std::string_view ip_block, int64_t count, int64_t cidr_bits,
                                      const Mark &mark) {
  size_t slash = ip_block.find('/');
  if (slash == std::string_view::npos)
    fail("ipBlock '" + std::string(ip_block) + "' is not a valid CIDR block", mark);
  std::string address(ip_block.substr(0, slash));
  std::string_view prefix_text = ip_block.substr(slash + 1);
  int prefix = -1;
  auto [ptr, ec] =
      std::from_chars(prefix_text.data(), prefix_text.data() + prefix_text.size(), prefix);
  if (ec != std::errc() || ptr != prefix_text.data() + prefix_text.size() || prefix_text.empty())
    fail("ipBlock '" + std::string(ip_block) + "' is not a valid CIDR block", mark);

  bool v6 = address.find(':') != std::string::npos;
  int width = v6 ? 128 : 32;
  u128 base = 0;
  if (v6) {
    unsigned char bytes[16];
    if (inet_pton(AF_INET6, address.c_str(), bytes) != 1)
      fail("ipBlock '" + std::string(ip_block) + "' is not a valid CIDR block", mark);
    for (unsigned char b : bytes)
      base = (base << 8) | b;
  } else {
    in_addr a{};
    if (inet_pton(AF_INET, address.c_str(), &a) != 1)
      fail("ipBlock '" + std::string(ip_block) + "' is not a valid CIDR block", mark);
    base = ntohl(a.s_addr);
  }
  if (prefix < 0 || prefix > width)
    fail("ipBlock '" + std::string(ip_block) + "' is not a valid CIDR block", mark);
  if (count < 1 || count > 256)
    fail("count " + std::to_string(count) + " is out of range: it must be between 1 and 256", mark);
  if (cidr_bits < 0 || cidr_bits > width - prefix)
    fail("cidrBits " + std::to_string(cidr_bits) + " is out of range for the /" +
             std::to_string(prefix) + " block '" + std::string(ip_block) +
             "': it must be between 0 and " + std::to_string(width - prefix),
         mark);
  int new_prefix = width - static_cast<int>(cidr_bits);
  int subnet_bits = new_prefix - prefix;
  if (subnet_bits < 9 && (int64_t{1} << subnet_bits) < count)
    fail("cannot make " + std::to_string(count) + " subnets of /" + std::to_string(new_prefix) +
             " in '" + std::string(ip_block) + "': it holds only " +
             std::to_string(int64_t{1} << subnet_bits),
         mark);

  // Clear the host bits of the block so subnets start on the block's boundary.
  u128 block_mask = prefix == 0 ? 0 : (~u128{0}) << (width - prefix);
  if (!v6)
    block_mask &= 0xffffffffu;
  base &= block_mask;
  u128 step = cidr_bits >= 128 ? 0 : u128{1} << cidr_bits;

  std::vector<std::string> out;
  out.reserve(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    u128 addr = base + step * static_cast<u128>(i);
    if (v6) {
      out.push_back(format_v6(addr) + "/" + std::to_string(new_prefix));
    } else {
      uint32_t a = static_cast<uint32_t>(addr);
      out.push_back(fmt::format("{}.{}.{}.{}/{}", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff,
                                a & 0xff, new_prefix));
    }
  }
  return out;
}

} // namespace cfnlocal::intrinsics
