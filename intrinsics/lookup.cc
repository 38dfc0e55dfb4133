#include "intrinsics/lookup.h"

namespace cfnlocal::intrinsics {

std::optional<Value> Lookup::ref_resource(std::string_view) { return std::nullopt; }

std::optional<Value> Lookup::get_att(std::string_view, std::string_view) { return std::nullopt; }

Answer<Value> Lookup::import_value(std::string_view) { return Answer<Value>::unknown(); }

Answer<SsmParameter> Lookup::ssm_parameter(std::string_view, std::optional<int64_t>) {
  return Answer<SsmParameter>::unknown();
}

Answer<std::string> Lookup::secret_string(std::string_view, const SecretSelector &) {
  return Answer<std::string>::unknown();
}

std::vector<std::string> Lookup::availability_zones(std::string_view region) {
  std::string r(region);
  return {r + "a", r + "b", r + "c"};
}

std::optional<bool> Lookup::aws_value_exists(std::string_view, std::string_view) {
  return std::nullopt;
}

std::optional<std::vector<std::string>> Lookup::all_values_of_type(std::string_view) {
  return std::nullopt;
}

std::optional<std::string> Lookup::value_attribute(std::string_view, std::string_view,
                                                   std::string_view) {
  return std::nullopt;
}

Lookup &null_lookup() {
  static Lookup lookup;
  return lookup;
}

} // namespace cfnlocal::intrinsics
