#include "services/endpoint/shape_values.h"

#include "services/endpoint/wire_format.h"

#include <fmt/format.h>

#include <random>

namespace cfnlocal::services::endpoint {

std::string shape_type(const ModelJson &shape) { return shape.value("type", "string"); }

TimeFormat time_format(const ModelJson *ref, const ModelJson &shape, TimeFormat fallback) {
  std::string name;
  if (ref && ref->contains("timestampFormat"))
    name = (*ref)["timestampFormat"].get<std::string>();
  else if (shape.contains("timestampFormat"))
    name = shape["timestampFormat"].get<std::string>();
  if (name == "iso8601")
    return TimeFormat::Iso8601;
  if (name == "rfc822")
    return TimeFormat::Rfc822;
  if (name == "unixTimestamp")
    return TimeFormat::UnixTimestamp;
  return fallback;
}

std::optional<int64_t> timestamp_of(const Json &value) {
  if (value.is_number())
    return static_cast<int64_t>(value.get<double>() * 1000.0 + 0.5);
  if (value.is_string())
    return parse_timestamp(value.get<std::string>());
  return std::nullopt;
}

std::string scalar_text(const Json &value, const ModelJson &shape, TimeFormat format) {
  std::string type = shape_type(shape);
  if (type == "timestamp") {
    if (auto ms = timestamp_of(value)) {
      switch (format) {
      case TimeFormat::Iso8601:
        return iso8601_wire(*ms);
      case TimeFormat::Rfc822:
        return rfc822(*ms);
      case TimeFormat::UnixTimestamp:
        return *ms % 1000 ? fmt::format("{:.3f}", static_cast<double>(*ms) / 1000.0)
                          : std::to_string(*ms / 1000);
      }
    }
  }
  if (value.is_binary()) {
    const auto &bytes = value.get_binary();
    return base64_encode(
        std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
  }
  if (value.is_string())
    return value.get<std::string>();
  if (value.is_boolean())
    return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer())
    return std::to_string(value.get<int64_t>());
  if (value.is_number_unsigned())
    return std::to_string(value.get<uint64_t>());
  if (value.is_number_float()) {
    double d = value.get<double>();
    return fmt::format("{}", d);
  }
  if (value.is_null())
    return {};
  return value.dump();
}

Json scalar_from_text(const std::string &text, const ModelJson &shape) {
  std::string type = shape_type(shape);
  try {
    if (type == "integer" || type == "long") {
      size_t used = 0;
      long long n = std::stoll(text, &used);
      if (used == text.size())
        return n;
    } else if (type == "float" || type == "double") {
      size_t used = 0;
      double d = std::stod(text, &used);
      if (used == text.size())
        return d;
    } else if (type == "boolean") {
      if (text == "true")
        return true;
      if (text == "false")
        return false;
    } else if (type == "timestamp") {
      if (auto ms = parse_timestamp(text))
        return iso8601_millis(*ms);
    }
  } catch (const std::exception &) {
  }
  return text;
}

std::string wire_name(const ModelJson &ref, const std::string &member_name) {
  auto it = ref.find("locationName");
  return it != ref.end() ? it->get<std::string>() : member_name;
}

bool is_flattened(const ModelJson &ref, const ModelJson &shape) {
  return ref.value("flattened", false) || shape.value("flattened", false);
}

void fill_idempotency_tokens(const ServiceModel &model, const ModelJson &input_shape, Json &input) {
  auto members = input_shape.find("members");
  if (members == input_shape.end())
    return;
  for (const auto &[name, ref] : members->items()) {
    if (!ref.value("idempotencyToken", false) || input.contains(name))
      continue;
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    uint64_t a = rng(), b = rng();
    a = (a & 0xffffffffffff0fffULL) | 0x0000000000004000ULL; // version 4
    b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL; // RFC 4122 variant
    input[name] = fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff,
                              a & 0xffff, b >> 48, b & 0xffffffffffffULL);
  }
}

} // namespace cfnlocal::services::endpoint
