#include "cli/service_arguments.h"

#include "parser/diagnostic.h"
#include "services/endpoint/service_model.h"

#include <cctype>
#include <charconv>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace cfnlocal::cli {

namespace {

using services::endpoint::ModelJson;
using services::endpoint::ServiceModel;

/// Letters and digits lower-cased: "secret-string", "SecretString" and "secretString" agree.
std::string folded(std::string_view name) {
  std::string out;
  for (char c : name)
    if (c != '-' && c != '_')
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Json parsed_json(std::string_view option, const std::string &text) {
  try {
    return Json::parse(text);
  } catch (const std::exception &) {
    throw Error(fmt::format("--{}: not valid JSON: {}", option, text));
  }
}

/// Untyped reading, for services without a bundled model.
Json untyped_value(std::string_view option, const std::string &text) {
  if (text == "true" || text == "false")
    return text == "true";
  if (!text.empty() && (text.front() == '{' || text.front() == '['))
    return parsed_json(option, text);
  return text;
}

Json number_value(std::string_view option, const std::string &text, bool integral) {
  Json value = parsed_json(option, text);
  if (!value.is_number() || (integral && !value.is_number_integer()))
    throw Error(fmt::format("--{}: expected {}, got {}", option,
                            integral ? "an integer" : "a number", text));
  return value;
}

Json typed_value(const ServiceModel &model, const ModelJson &shape, std::string_view option,
                 const std::string &text) {
  std::string type = shape.value("type", "string");
  if (type == "string" || type == "blob" || type == "timestamp")
    return text;
  if (type == "boolean") {
    if (text != "true" && text != "false")
      throw Error(fmt::format("--{}: expected true or false, got {}", option, text));
    return text == "true";
  }
  if (type == "integer" || type == "long")
    return number_value(option, text, true);
  if (type == "float" || type == "double")
    return number_value(option, text, false);
  if (type == "list" && !text.empty() && text.front() != '[') {
    // One bare item of a scalar list (`--names a`), as the AWS CLI takes it.
    const ModelJson &item = model.resolve(shape.at("member"));
    std::string item_type = item.value("type", "string");
    if (item_type != "structure" && item_type != "map" && item_type != "list")
      return Json::array({typed_value(model, item, option, text)});
  }
  return parsed_json(option, text);
}

} // namespace

std::string pascal_case(std::string_view kebab) {
  std::string out;
  bool upper = true;
  for (char c : kebab) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

void add_member(Json &input, std::string_view service, std::string_view operation,
                std::string_view option, const std::string &text) {
  const ServiceModel *model = services::endpoint::service_model(service);
  const ModelJson *entry = model ? model->operation(pascal_case(operation)) : nullptr;
  if (!entry) {
    input[pascal_case(option)] = untyped_value(option, text);
    return;
  }
  // The trimmed model names an operation's input shape directly ("input": "PutParameterRequest").
  const ModelJson *input_shape =
      entry->contains("input") ? model->shape(entry->at("input").get<std::string>()) : nullptr;
  ModelJson members =
      input_shape ? input_shape->value("members", ModelJson::object()) : ModelJson::object();
  std::string wanted = folded(option);
  for (const auto &[name, ref] : members.items()) {
    if (folded(name) == wanted) {
      input[name] = typed_value(*model, model->resolve(ref), option, text);
      return;
    }
  }
  std::vector<std::string> known;
  for (const auto &[name, ref] : members.items())
    known.push_back(name);
  throw Error(fmt::format("{} {} has no member --{} (its members: {})", service,
                          pascal_case(operation), option,
                          known.empty() ? "none" : fmt::format("{}", fmt::join(known, ", "))));
}

} // namespace cfnlocal::cli
