#pragma once
/// \file
/// What an embedded service's operation handler gets (internal to services/embedded/), and the
/// input checks every handler shares. Messages follow AWS's validation wording: "1 validation
/// error detected: Value 'x' at 'name' failed to satisfy constraint: Member must ...".

#include "services/backend.h"
#include "services/digest.h"
#include "state/store.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::services::embedded {

/// The state of one call.
struct Context {
  state::Store &store;
  const std::string &region;
  const std::string &account;
  std::string partition;
  std::filesystem::path objects_dir;
  /// Files to delete once the call's transaction has committed (replaced object bytes).
  std::vector<std::filesystem::path> remove_after_commit;
  /// The backend the call came through, for a service that asks another one (EC2 asks Elastic
  /// Load Balancing whether a load balancer exists); null where none is at hand. Its calls join
  /// this call's transaction.
  Backend *backend = nullptr;
};

/// An operation handler: input shape in, output shape out; throws ServiceError.
using Handler = Json (*)(Context &, const Json &);
/// A service's handlers by operation name.
using HandlerTable = std::map<std::string, Handler, std::less<>>;

const HandlerTable &s3_handlers();
const HandlerTable &ssm_handlers();
const HandlerTable &secretsmanager_handlers();
const HandlerTable &cloudcontrol_handlers();
const HandlerTable &sqs_handlers();
const HandlerTable &sns_handlers();
const HandlerTable &iam_handlers();
const HandlerTable &logs_handlers();
const HandlerTable &lambda_handlers();
const HandlerTable &dynamodb_handlers();
const HandlerTable &kms_handlers();
const HandlerTable &events_handlers();
const HandlerTable &kinesis_handlers();
const HandlerTable &stepfunctions_handlers();
const HandlerTable &apigateway_handlers();
const HandlerTable &apigatewayv2_handlers();
const HandlerTable &ec2_handlers();

/// lowerCamelCase of a member name, as AWS names members in validation messages.
std::string lower_camel(std::string_view member);

/// "ValidationException" with AWS's "1 validation error detected: ..." message.
[[noreturn]] void constraint_error(std::string_view member, const Json &value,
                                   std::string_view constraint);

/// A required string member; missing or null is a ValidationException ("Member must not be
/// null"), another type too.
std::string required_string(const Json &input, std::string_view member);
/// An optional string member (nullopt when absent or null).
std::optional<std::string> optional_string(const Json &input, std::string_view member);
/// An optional boolean member (`fallback` when absent).
bool optional_bool(const Json &input, std::string_view member, bool fallback = false);
/// An optional integer member (numbers or numeric strings).
std::optional<int64_t> optional_int(const Json &input, std::string_view member);
/// Checks a string's length in characters (UTF-8 code points) against [min, max].
void check_length(std::string_view member, const std::string &value, size_t min, size_t max);
/// Number of UTF-8 code points.
size_t utf8_length(std::string_view text);

/// Tags as AWS lists them ([{Key, Value}]) from an input member; validates count and lengths
/// (key 1-128, value 0-256, at most `max_tags`).
std::vector<std::pair<std::string, std::string>>
read_tags(const Json &input, std::string_view member, size_t max_tags, const char *error_code);
/// [{Key, Value}] from pairs.
Json tag_list(const std::vector<std::pair<std::string, std::string>> &tags);
/// Pairs from a stored [{Key, Value}] array.
std::vector<std::pair<std::string, std::string>> tags_from(const Json &list);

/// A random string of `n` characters from [A-Za-z0-9].
std::string random_alnum(size_t n);
/// Base64 encode / decode (decode throws ValidationException-free std::invalid_argument).
std::string base64_encode(std::string_view data);
std::optional<std::string> base64_decode(std::string_view text);

} // namespace cfnlocal::services::embedded
