#include "transforms/sam/domain_hash.h"

namespace cfnlocal::transforms::sam {

std::string logical_id_hash(const Json &data) {
  // nlohmann::json keeps object members in a sorted map, so its compact dump is exactly the
  // sorted, separator-free JSON text the translator hashes (non-ASCII escaped as \uXXXX too).
  std::string text = data.is_string() ? data.get<std::string>()
                                      : nlohmann::json::parse(data.dump()).dump(-1, ' ', true);
  return sha1_hex(text).substr(0, 10);
}

} // namespace cfnlocal::transforms::sam
