// The embedded Cloud Control API: the generic record store the generic provider keeps every
// resource model in. Follows the AWS Cloud Control API Reference (CreateResource, GetResource,
// UpdateResource, DeleteResource, ListResources, GetResourceRequestStatus) and botocore's
// cloudcontrol/2021-09-30 model.
#include "services/embedded/context.h"
#include "state/ids.h"

#include <fmt/format.h>
#include <re2/re2.h>

namespace cfnlocal::services::embedded {

namespace {

constexpr std::string_view kService = "cloudcontrol";

std::string check_type_name(const Json &input) {
  std::string type = required_string(input, "TypeName");
  check_length("TypeName", type, 10, 196);
  static const re2::RE2 pattern(
      R"([A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}(::MODULE){0,1})");
  if (!RE2::FullMatch(type, pattern))
    constraint_error("TypeName", type,
                     "satisfy regular expression pattern: "
                     "[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}(::MODULE){0,1}");
  return type;
}

std::string check_identifier(const Json &input) {
  std::string id = required_string(input, "Identifier");
  check_length("Identifier", id, 1, 1024);
  return id;
}

std::string record_key(const Context &c, const std::string &type, const std::string &id) {
  return c.region + "|" + type + "|" + id;
}

// A JSON document member given as text (the API's shape) or, for convenience, as an object.
Json document_member(const Json &input, std::string_view member) {
  auto it = input.find(member);
  if (it == input.end() || it->is_null())
    constraint_error(member, Json(), "not be null");
  if (it->is_string()) {
    try {
      return Json::parse(it->get<std::string>());
    } catch (const nlohmann::json::parse_error &e) {
      throw ServiceError("InvalidRequestException",
                         fmt::format("{} is not valid JSON: {}", member, e.what()));
    }
  }
  return *it;
}

void check_client_token(const Json &input) {
  if (auto token = optional_string(input, "ClientToken")) {
    check_length("ClientToken", *token, 1, 128);
    static const re2::RE2 pattern(R"([-A-Za-z0-9+/=]+)");
    if (!RE2::FullMatch(*token, pattern))
      constraint_error("ClientToken", *token,
                       "satisfy regular expression pattern: [-A-Za-z0-9+/=]+");
  }
}

Json progress_event(Context &c, const std::string &type, const std::string &id,
                    const char *operation, const Json *model) {
  Json event = {{"TypeName", type},
                {"Identifier", id},
                {"RequestToken", state::uuid4()},
                {"Operation", operation},
                {"OperationStatus", "SUCCESS"},
                {"EventTime", state::now_iso8601()}};
  if (model)
    event["ResourceModel"] = model->dump();
  c.store.put_record(kService, "request", event["RequestToken"].get<std::string>(), event);
  return Json{{"ProgressEvent", event}};
}

[[noreturn]] void not_found(const std::string &type, const std::string &id) {
  throw ServiceError(
      "ResourceNotFoundException",
      fmt::format("Resource of type '{}' with identifier '{}' was not found.", type, id), 404);
}

Json create_resource(Context &c, const Json &input) {
  std::string type = check_type_name(input);
  check_client_token(input);
  Json desired = document_member(input, "DesiredState");
  if (!desired.is_object())
    throw ServiceError("InvalidRequestException", "DesiredState must be a JSON object");
  auto id = optional_string(input, "Identifier");
  if (!id || id->empty())
    throw ServiceError("InvalidRequestException",
                       "The embedded Cloud Control store needs the Identifier to store the "
                       "resource under (a cfnlocal extension of CreateResource)");
  check_length("Identifier", *id, 1, 1024);
  std::string key = record_key(c, type, *id);
  if (c.store.get_record(kService, "resource", key))
    throw ServiceError(
        "AlreadyExistsException",
        fmt::format("Resource of type '{}' with identifier '{}' already exists.", type, *id));
  c.store.put_record(kService, "resource", key,
                     Json{{"TypeName", type}, {"Identifier", *id}, {"Properties", desired}});
  return progress_event(c, type, *id, "CREATE", &desired);
}

Json get_resource(Context &c, const Json &input) {
  std::string type = check_type_name(input);
  std::string id = check_identifier(input);
  auto record = c.store.get_record(kService, "resource", record_key(c, type, id));
  if (!record)
    not_found(type, id);
  return Json{{"TypeName", type},
              {"ResourceDescription",
               {{"Identifier", id}, {"Properties", (*record)["Properties"].dump()}}}};
}

Json update_resource(Context &c, const Json &input) {
  std::string type = check_type_name(input);
  std::string id = check_identifier(input);
  check_client_token(input);
  Json patch = document_member(input, "PatchDocument");
  if (!patch.is_array())
    throw ServiceError("InvalidRequestException",
                       "PatchDocument must be a JSON Patch (RFC 6902) array of operations");
  std::string key = record_key(c, type, id);
  auto record = c.store.get_record(kService, "resource", key);
  if (!record)
    not_found(type, id);
  Json patched;
  try {
    patched = (*record)["Properties"].patch(patch);
  } catch (const nlohmann::json::exception &e) {
    throw ServiceError("InvalidRequestException",
                       fmt::format("Invalid patch document: {}", e.what()));
  }
  if (!patched.is_object())
    throw ServiceError("InvalidRequestException",
                       "Invalid patch document: the result is not a JSON object");
  (*record)["Properties"] = patched;
  c.store.put_record(kService, "resource", key, *record);
  return progress_event(c, type, id, "UPDATE", &patched);
}

Json delete_resource(Context &c, const Json &input) {
  std::string type = check_type_name(input);
  std::string id = check_identifier(input);
  check_client_token(input);
  if (!c.store.delete_record(kService, "resource", record_key(c, type, id)))
    not_found(type, id);
  return progress_event(c, type, id, "DELETE", nullptr);
}

Json list_resources(Context &c, const Json &input) {
  std::string type = check_type_name(input);
  int64_t max = optional_int(input, "MaxResults").value_or(100);
  if (max < 1 || max > 100)
    constraint_error("MaxResults", max, "have value between 1 and 100");
  std::string start_after;
  std::string prefix = c.region + "|" + type + "|";
  if (auto token = optional_string(input, "NextToken")) {
    auto decoded = base64_decode(*token);
    if (!decoded || !decoded->starts_with(prefix))
      throw ServiceError("InvalidRequestException", "The NextToken is invalid.");
    start_after = *decoded;
  }
  auto rows =
      c.store.list_records(kService, "resource", prefix, static_cast<size_t>(max) + 1, start_after);
  Json out = {{"TypeName", type}, {"ResourceDescriptions", Json::array()}};
  for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(max); ++i)
    out["ResourceDescriptions"].push_back({{"Identifier", rows[i].second["Identifier"]},
                                           {"Properties", rows[i].second["Properties"].dump()}});
  if (rows.size() > static_cast<size_t>(max))
    out["NextToken"] = base64_encode(rows[static_cast<size_t>(max) - 1].first);
  return out;
}

Json get_resource_request_status(Context &c, const Json &input) {
  std::string token = required_string(input, "RequestToken");
  auto event = c.store.get_record(kService, "request", token);
  if (!event)
    throw ServiceError("RequestTokenNotFoundException",
                       fmt::format("Request with token {} was not found", token), 404);
  return Json{{"ProgressEvent", *event}};
}

} // namespace

const HandlerTable &cloudcontrol_handlers() {
  static const HandlerTable table = {
      {"CreateResource", create_resource},
      {"GetResource", get_resource},
      {"UpdateResource", update_resource},
      {"DeleteResource", delete_resource},
      {"ListResources", list_resources},
      {"GetResourceRequestStatus", get_resource_request_status},
  };
  return table;
}

} // namespace cfnlocal::services::embedded
