#include "providers/kms_key_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "kms";
constexpr std::string_view kType = "AWS::KMS::Key";

// KMS tags are {TagKey, TagValue}.
Json kms_tags(const Value &model) {
  Json out = Json::array();
  for (const auto &t : tag_list(model.find("Tags")))
    out.push_back({{"TagKey", t["Key"]}, {"TagValue", t["Value"]}});
  return out;
}

std::string policy_text(const Value &model) {
  const Value *p = model.find("KeyPolicy");
  if (!p)
    return "";
  return p->is_string() ? p->as_string() : dump_json(*p, -1);
}

// The properties AWS replaces the key for.
constexpr const char *kReplacing[] = {"KeySpec", "KeyUsage", "Origin", "MultiRegion"};
constexpr const char *kDefaults[] = {"SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "AWS_KMS", "false"};

} // namespace

ProgressEvent KmsKeyProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  Json in = Json::object();
  for (const char *k : {"Description", "KeySpec", "KeyUsage", "Origin"})
    if (std::string v = string_of(model, k); !v.empty())
      in[k] = v;
  if (auto multi = bool_of(model, "MultiRegion"))
    in["MultiRegion"] = *multi;
  if (auto bypass = bool_of(model, "BypassPolicyLockoutSafetyCheck"))
    in["BypassPolicyLockoutSafetyCheck"] = *bypass;
  if (std::string policy = policy_text(model); !policy.empty())
    in["Policy"] = policy;
  if (Json tags = kms_tags(model); !tags.empty())
    in["Tags"] = tags;
  std::string id;
  try {
    Json metadata = backend_.call(kService, "CreateKey", in)["KeyMetadata"];
    id = metadata.value("KeyId", "");
    model.set("KeyId", Value(id));
    model.set("Arn", Value(metadata.value("Arn", "")));
  } catch (const services::ServiceError &e) {
    return failure_from(e, "Kms");
  }
  try {
    if (bool_of(model, "EnableKeyRotation").value_or(false)) {
      Json rotation{{"KeyId", id}};
      if (auto period = int_of(model, "RotationPeriodInDays"))
        rotation["RotationPeriodInDays"] = *period;
      backend_.call(kService, "EnableKeyRotation", rotation);
    }
    if (!bool_of(model, "Enabled").value_or(true))
      backend_.call(kService, "DisableKey", Json{{"KeyId", id}});
  } catch (const services::ServiceError &e) {
    try {
      backend_.call(kService, "ScheduleKeyDeletion",
                    Json{{"KeyId", id}, {"PendingWindowInDays", 7}});
    } catch (const services::ServiceError &) {
    }
    return failure_from(e, "Kms");
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent KmsKeyProvider::read(const ResourceHandlerRequest &request) {
  const std::string &id = request.physical_id;
  Json metadata, policy, rotation, tags;
  try {
    metadata = backend_.call(kService, "DescribeKey", Json{{"KeyId", id}})["KeyMetadata"];
    if (metadata.value("KeyState", "") == "PendingDeletion")
      return not_found(kType, id);
    policy =
        backend_.call(kService, "GetKeyPolicy", Json{{"KeyId", id}, {"PolicyName", "default"}});
    rotation = backend_.call(kService, "GetKeyRotationStatus", Json{{"KeyId", id}});
    tags = backend_.call(kService, "ListResourceTags", Json{{"KeyId", id}})
               .value("Tags", Json::array());
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, id, "Kms");
  }
  Json m = {{"KeyId", metadata.value("KeyId", id)},
            {"Arn", metadata.value("Arn", "")},
            {"Description", metadata.value("Description", "")},
            {"Enabled", metadata.value("Enabled", true)},
            {"KeySpec", metadata.value("KeySpec", "SYMMETRIC_DEFAULT")},
            {"KeyUsage", metadata.value("KeyUsage", "ENCRYPT_DECRYPT")},
            {"Origin", metadata.value("Origin", "AWS_KMS")},
            {"MultiRegion", metadata.value("MultiRegion", false)},
            {"EnableKeyRotation", rotation.value("KeyRotationEnabled", false)}};
  if (rotation.contains("RotationPeriodInDays"))
    m["RotationPeriodInDays"] = rotation["RotationPeriodInDays"];
  Json parsed = Json::parse(policy.value("Policy", ""), nullptr, false);
  m["KeyPolicy"] = parsed.is_discarded() ? Json(policy.value("Policy", "")) : parsed;
  Json tag_values = Json::array();
  for (const auto &t : tags)
    tag_values.push_back({{"Key", t.value("TagKey", "")}, {"Value", t.value("TagValue", "")}});
  if (!tag_values.empty())
    m["Tags"] = tag_values;
  return ProgressEvent::success(from_json(m));
}

ProgressEvent KmsKeyProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired))
    return *failure;
  const std::string &id = request.physical_id;
  for (size_t i = 0; i < std::size(kReplacing); ++i) {
    std::string before = string_of(request.previous_state, kReplacing[i]);
    std::string after = string_of(desired, kReplacing[i]);
    if ((before.empty() ? kDefaults[i] : before) != (after.empty() ? kDefaults[i] : after))
      return not_updatable(std::string("/properties/") + kReplacing[i]);
  }
  try {
    Json metadata = backend_.call(kService, "DescribeKey", Json{{"KeyId", id}})["KeyMetadata"];
    if (metadata.value("KeyState", "") == "PendingDeletion")
      return not_found(kType, id);
    bool enabled_now = metadata.value("Enabled", true);
    bool enabled_wanted = bool_of(desired, "Enabled").value_or(true);
    if (enabled_wanted && !enabled_now)
      backend_.call(kService, "EnableKey", Json{{"KeyId", id}});
    std::string description = string_of(desired, "Description");
    if (metadata.value("Description", "") != description)
      backend_.call(kService, "UpdateKeyDescription",
                    Json{{"KeyId", id}, {"Description", description}});
    if (std::string policy = policy_text(desired); !policy.empty()) {
      std::string current =
          backend_.call(kService, "GetKeyPolicy", Json{{"KeyId", id}, {"PolicyName", "default"}})
              .value("Policy", "");
      Json a = Json::parse(current, nullptr, false), b = Json::parse(policy, nullptr, false);
      if (a.is_discarded() || b.is_discarded() || a != b)
        backend_.call(kService, "PutKeyPolicy",
                      Json{{"KeyId", id}, {"PolicyName", "default"}, {"Policy", policy}});
    }
    // Rotation needs the key enabled: it was enabled above when wanted, and is disabled below.
    Json rotation = backend_.call(kService, "GetKeyRotationStatus", Json{{"KeyId", id}});
    bool rotating = rotation.value("KeyRotationEnabled", false);
    bool rotate_wanted = bool_of(desired, "EnableKeyRotation").value_or(false);
    auto period = int_of(desired, "RotationPeriodInDays");
    bool period_changed = period && rotation.value("RotationPeriodInDays", int64_t{365}) != *period;
    if (rotate_wanted && (!rotating || period_changed)) {
      Json in{{"KeyId", id}};
      if (period)
        in["RotationPeriodInDays"] = *period;
      backend_.call(kService, "EnableKeyRotation", in);
    } else if (!rotate_wanted && rotating) {
      backend_.call(kService, "DisableKeyRotation", Json{{"KeyId", id}});
    }
    Json tags_now = backend_.call(kService, "ListResourceTags", Json{{"KeyId", id}})
                        .value("Tags", Json::array());
    TagDiff changes = tag_diff(tags_now, kms_tags(desired), "TagKey", "TagValue");
    if (!changes.removed.empty())
      backend_.call(kService, "UntagResource", Json{{"KeyId", id}, {"TagKeys", changes.removed}});
    if (!changes.set.empty())
      backend_.call(kService, "TagResource", Json{{"KeyId", id}, {"Tags", changes.set}});
    if (!enabled_wanted && enabled_now)
      backend_.call(kService, "DisableKey", Json{{"KeyId", id}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, id, "Kms");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent KmsKeyProvider::remove(const ResourceHandlerRequest &request) {
  const std::string &id = request.physical_id;
  try {
    Json metadata = backend_.call(kService, "DescribeKey", Json{{"KeyId", id}})["KeyMetadata"];
    if (metadata.value("KeyState", "") == "PendingDeletion")
      return not_found(kType, id);
    Json in{{"KeyId", id}};
    if (auto window = int_of(request.previous_state, "PendingWindowInDays"))
      in["PendingWindowInDays"] = *window;
    backend_.call(kService, "ScheduleKeyDeletion", in);
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, id, "Kms");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent KmsKeyProvider::list(const ResourceHandlerRequest &request) {
  return list_page(backend_, request, {kService, "ListKeys", "Marker", "Keys", "NextMarker", "Kms"},
                   Json::object(), [](const Json &k) {
                     return Value::object({{"KeyId", Value(k.value("KeyId", "")), {}}});
                   });
}

} // namespace cfnlocal::providers
