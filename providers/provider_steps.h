#pragma once
/// \file
/// Steps the real providers share (GenericProvider::update_refusal is the check every update
/// handler makes first): the NotUpdatable failure, properties typed as a
/// service's botocore shapes want them (CloudFormation hands numbers and booleans on as text
/// after intrinsic functions), and the difference between two tag sets.

#include "parser/json.h"
#include "parser/value.h"
#include "providers/generic_provider.h"

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::providers {

/// NotUpdatable for `pointer` ("/properties/KeySchema") with Cloud Control API's wording.
ProgressEvent not_updatable(std::string_view pointer);

/// `value` as JSON with members named in `integers` turned into numbers and those in
/// `booleans` into booleans where they are numeric / "true"/"false" text, at any depth.
Json typed(const Value &value, std::initializer_list<std::string_view> integers,
           std::initializer_list<std::string_view> booleans);

/// What turns the tags `before` into `after` (both [{KEY: k, VALUE: v}] with the member names
/// `key_member`/`value_member`): keys to remove and tags to set (new or changed), in `after`'s
/// order.
struct TagDiff {
  std::vector<std::string> removed;
  Json set = Json::array();
  bool empty() const { return removed.empty() && set.empty(); }
};
TagDiff tag_diff(const Json &before, const Json &after, std::string_view key_member = "Key",
                 std::string_view value_member = "Value");

/// How a list handler pages through a service's list operation.
struct ListOperation {
  std::string_view service;   ///< botocore's service id ("sqs")
  std::string_view operation; ///< "ListQueues"
  std::string_view token_in;  ///< request member taking the next token ("NextToken", "Marker")
  std::string_view items;     ///< response list ("QueueUrls")
  std::string_view token_out; ///< response member holding the next token ("NextMarker")
  std::string_view label;     ///< the service as failures name it (failure_from)
};

/// One page of a list handler (the registry contract's list: a model per resource holding its
/// primary identifier, and the next token): `input` and the request's next token go to the
/// operation, `model_of` makes each item's model. A service error is the handler's failure.
ProgressEvent list_page(services::Backend &backend, const ResourceHandlerRequest &request,
                        const ListOperation &list, Json input,
                        const std::function<Value(const Json &item)> &model_of);

/// Stabilization, as the AWS-published handlers do it: calls `ready` until it returns true,
/// waiting a second between calls (never before the first), at most `max_seconds` in all.
/// Returns whether it became ready. `ready` may throw services::ServiceError (passed on).
/// Services that finish at once (the embedded ones) cost one call.
bool wait_until(const std::function<bool()> &ready, int max_seconds = 600);

/// The failure AlreadyExists as CloudFormation words it: "Resource handler returned message:
/// \"NAME already exists\" (HandlerErrorCode: AlreadyExists)".
ProgressEvent already_exists(std::string_view name);

} // namespace cfnlocal::providers
