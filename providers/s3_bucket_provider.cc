#include "providers/s3_bucket_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "s3";

const Value *member(const Value &model, std::string_view key) {
  return model.is_object() ? model.find(key) : nullptr;
}

bool same(const Value *a, const Value *b) {
  if (!a && !b)
    return true;
  if (!a || !b)
    return false;
  return *a == *b;
}

void copy_bool(const Value &from, std::string_view key, Json &to) {
  if (auto b = bool_of(from, key))
    to[std::string(key)] = *b;
}

Json encryption_config(const Value &enc) {
  Json rules = Json::array();
  if (const Value *list = member(enc, "ServerSideEncryptionConfiguration");
      list && list->is_array())
    for (const auto &rule : list->as_array()) {
      Json r = Json::object();
      if (const Value *d = member(rule, "ServerSideEncryptionByDefault")) {
        Json def{{"SSEAlgorithm", string_of(*d, "SSEAlgorithm")}};
        if (std::string k = string_of(*d, "KMSMasterKeyID"); !k.empty())
          def["KMSMasterKeyID"] = k;
        r["ApplyServerSideEncryptionByDefault"] = def;
      }
      copy_bool(rule, "BucketKeyEnabled", r);
      rules.push_back(r);
    }
  return Json{{"Rules", rules}};
}

Json lifecycle_config(const Value &lc) {
  Json rules = Json::array();
  if (const Value *list = member(lc, "Rules"); list && list->is_array())
    for (const auto &rule : list->as_array()) {
      Json r{{"Status", string_of(rule, "Status")}};
      if (std::string id = string_of(rule, "Id"); !id.empty())
        r["ID"] = id;
      r["Filter"] = Json{{"Prefix", string_of(rule, "Prefix")}};
      if (auto days = int_of(rule, "ExpirationInDays"))
        r["Expiration"] = Json{{"Days", *days}};
      else if (std::string date = string_of(rule, "ExpirationDate"); !date.empty())
        r["Expiration"] = Json{{"Date", date}};
      if (auto days = int_of(rule, "NoncurrentVersionExpirationInDays"))
        r["NoncurrentVersionExpiration"] = Json{{"NoncurrentDays", *days}};
      if (const Value *abort = member(rule, "AbortIncompleteMultipartUpload"))
        if (auto days = int_of(*abort, "DaysAfterInitiation"))
          r["AbortIncompleteMultipartUpload"] = Json{{"DaysAfterInitiation", *days}};
      if (const Value *ts = member(rule, "Transitions"); ts && ts->is_array()) {
        Json transitions = Json::array();
        for (const auto &t : ts->as_array()) {
          Json tr{{"StorageClass", string_of(t, "StorageClass")}};
          if (auto days = int_of(t, "TransitionInDays"))
            tr["Days"] = *days;
          if (std::string date = string_of(t, "TransitionDate"); !date.empty())
            tr["Date"] = date;
          transitions.push_back(tr);
        }
        r["Transitions"] = transitions;
      }
      rules.push_back(r);
    }
  return Json{{"Rules", rules}};
}

Json string_list(const Value *v) {
  Json out = Json::array();
  if (v && v->is_array())
    for (const auto &item : v->as_array())
      out.push_back(item.scalar_string().value_or(""));
  return out;
}

Json cors_config(const Value &cors) {
  Json rules = Json::array();
  if (const Value *list = member(cors, "CorsRules"); list && list->is_array())
    for (const auto &rule : list->as_array()) {
      Json r{{"AllowedMethods", string_list(member(rule, "AllowedMethods"))},
             {"AllowedOrigins", string_list(member(rule, "AllowedOrigins"))}};
      if (member(rule, "AllowedHeaders"))
        r["AllowedHeaders"] = string_list(member(rule, "AllowedHeaders"));
      if (member(rule, "ExposedHeaders"))
        r["ExposeHeaders"] = string_list(member(rule, "ExposedHeaders"));
      if (std::string id = string_of(rule, "Id"); !id.empty())
        r["ID"] = id;
      if (auto age = int_of(rule, "MaxAge"))
        r["MaxAgeSeconds"] = *age;
      rules.push_back(r);
    }
  return Json{{"CORSRules", rules}};
}

Json website_config(const Value &site) {
  Json out = Json::object();
  if (std::string index = string_of(site, "IndexDocument"); !index.empty())
    out["IndexDocument"] = Json{{"Suffix", index}};
  if (std::string error = string_of(site, "ErrorDocument"); !error.empty())
    out["ErrorDocument"] = Json{{"Key", error}};
  if (const Value *redirect = member(site, "RedirectAllRequestsTo")) {
    Json r{{"HostName", string_of(*redirect, "HostName")}};
    if (std::string p = string_of(*redirect, "Protocol"); !p.empty())
      r["Protocol"] = p;
    out["RedirectAllRequestsTo"] = r;
  }
  return out;
}

Json public_access_block_config(const Value &p) {
  Json conf = Json::object();
  for (const char *k :
       {"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"})
    copy_bool(p, k, conf);
  return conf;
}

Json ownership_controls_config(const Value &o) {
  Json rules = Json::array();
  if (const Value *list = member(o, "Rules"); list && list->is_array())
    for (const auto &r : list->as_array())
      rules.push_back(Json{{"ObjectOwnership", string_of(r, "ObjectOwnership")}});
  return Json{{"Rules", rules}};
}

} // namespace

std::vector<std::pair<std::string, Json>>
S3BucketProvider::configuration_calls(const std::string &bucket, const Value &previous,
                                      const Value &desired) {
  std::vector<std::pair<std::string, Json>> calls;
  auto changed = [&](std::string_view key) {
    return !same(member(previous, key), member(desired, key));
  };
  auto base = [&]() { return Json{{"Bucket", bucket}}; };

  if (changed("Tags")) {
    Json tags = tag_list(member(desired, "Tags"));
    if (tags.empty()) {
      if (member(previous, "Tags"))
        calls.emplace_back("DeleteBucketTagging", base());
    } else {
      Json in = base();
      in["Tagging"] = Json{{"TagSet", tags}};
      calls.emplace_back("PutBucketTagging", in);
    }
  }
  if (changed("VersioningConfiguration")) {
    const Value *v = member(desired, "VersioningConfiguration");
    // Versioning cannot be turned off once enabled, only suspended.
    std::string status = v ? string_of(*v, "Status") : "Suspended";
    if (v || member(previous, "VersioningConfiguration")) {
      Json in = base();
      in["VersioningConfiguration"] = Json{{"Status", status}};
      calls.emplace_back("PutBucketVersioning", in);
    }
  }
  // Each bucket configuration is one property: Put* with the converted value when the template
  // sets it, Delete* when it no longer does.
  struct Configuration {
    const char *property;
    const char *input_member;
    const char *put;
    const char *remove;
    Json (*convert)(const Value &);
  };
  static const Configuration kConfigurations[] = {
      {"BucketEncryption", "ServerSideEncryptionConfiguration", "PutBucketEncryption",
       "DeleteBucketEncryption", encryption_config},
      {"PublicAccessBlockConfiguration", "PublicAccessBlockConfiguration", "PutPublicAccessBlock",
       "DeletePublicAccessBlock", public_access_block_config},
      {"LifecycleConfiguration", "LifecycleConfiguration", "PutBucketLifecycleConfiguration",
       "DeleteBucketLifecycle", lifecycle_config},
      {"CorsConfiguration", "CORSConfiguration", "PutBucketCors", "DeleteBucketCors", cors_config},
      {"OwnershipControls", "OwnershipControls", "PutBucketOwnershipControls",
       "DeleteBucketOwnershipControls", ownership_controls_config},
      {"WebsiteConfiguration", "WebsiteConfiguration", "PutBucketWebsite", "DeleteBucketWebsite",
       website_config},
  };
  for (const auto &c : kConfigurations) {
    if (!changed(c.property))
      continue;
    if (const Value *value = member(desired, c.property)) {
      Json in = base();
      in[c.input_member] = c.convert(*value);
      calls.emplace_back(c.put, in);
    } else {
      calls.emplace_back(c.remove, base());
    }
  }
  return calls;
}

ProgressEvent S3BucketProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  std::string bucket = string_of(model, "BucketName");

  Json in{{"Bucket", bucket}};
  if (request.region != "us-east-1")
    in["CreateBucketConfiguration"] = Json{{"LocationConstraint", request.region}};
  // In us-east-1 S3 answers CreateBucket for a bucket you already own with success; the
  // CloudFormation handler checks first so that a second stack cannot adopt the bucket.
  try {
    backend_.call(kService, "HeadBucket", Json{{"Bucket", bucket}});
    return ProgressEvent::failure(
        HandlerErrorCode::AlreadyExists,
        fmt::format("Resource handler returned message: \"{} already exists\" "
                    "(HandlerErrorCode: AlreadyExists)",
                    bucket));
  } catch (const services::ServiceError &) {
    // Not there (NotFound), or not ours to see (403): CreateBucket says which.
  }
  try {
    backend_.call(kService, "CreateBucket", in);
  } catch (const services::ServiceError &e) {
    return failure_from(e, "S3");
  }
  for (const auto &[operation, input] : configuration_calls(bucket, Value(), properties)) {
    try {
      backend_.call(kService, operation, input);
    } catch (const services::ServiceError &e) {
      // Leave nothing behind: the stack never learns the physical ID of a failed create.
      try {
        backend_.call(kService, "DeleteBucket", Json{{"Bucket", bucket}});
      } catch (const services::ServiceError &) {
      }
      return failure_from(e, "S3");
    }
  }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent S3BucketProvider::read(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  const std::string &bucket = request.physical_id;
  try {
    backend_.call(kService, "HeadBucket", Json{{"Bucket", bucket}});
  } catch (const services::ServiceError &e) {
    if (is_not_found(e))
      return not_found("AWS::S3::Bucket", bucket);
    return failure_from(e, "S3");
  }
  // What S3 reports overrides the last known model; the rest (properties this provider does not
  // read back) stays as last written.
  Value model = request.previous_state.is_object()  ? request.previous_state
                : request.desired_state.is_object() ? request.desired_state
                                                    : Value::object();
  model.set("BucketName", Value(bucket));
  auto optional_call = [&](std::string_view op) -> std::optional<Json> {
    try {
      return backend_.call(kService, op, Json{{"Bucket", bucket}});
    } catch (const services::ServiceError &) {
      return std::nullopt; // NoSuchTagSet, ServerSideEncryptionConfigurationNotFoundError, ...
    }
  };
  if (auto tagging = optional_call("GetBucketTagging")) {
    Value tags = Value::array();
    for (const auto &t : tagging->value("TagSet", Json::array()))
      tags.push_back(Value::object(
          {{"Key", Value(t.value("Key", ""))}, {"Value", Value(t.value("Value", ""))}}));
    if (tags.size())
      model.set("Tags", std::move(tags));
    else
      model.erase("Tags");
  }
  if (auto versioning = optional_call("GetBucketVersioning"))
    if (versioning->contains("Status"))
      model.set("VersioningConfiguration",
                Value::object({{"Status", Value((*versioning)["Status"].get<std::string>())}}));
  Value full = complete_model(type->schema(), model, SynthesisScope::from(request), random_);
  return ProgressEvent::success(std::move(full));
}

ProgressEvent S3BucketProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto refusal = update_refusal(*type, request, request.previous_state, properties))
    return *refusal;
  const std::string &bucket = request.physical_id;
  try {
    backend_.call(kService, "HeadBucket", Json{{"Bucket", bucket}});
    for (const auto &[operation, input] :
         configuration_calls(bucket, request.previous_state, properties))
      backend_.call(kService, operation, input);
  } catch (const services::ServiceError &e) {
    return failure_from(e, "S3");
  }
  return ProgressEvent::success(merged_model(*type, request, request.previous_state));
}

ProgressEvent S3BucketProvider::remove(const ResourceHandlerRequest &request) {
  try {
    backend_.call(kService, "DeleteBucket", Json{{"Bucket", request.physical_id}});
  } catch (const services::ServiceError &e) {
    return failure_from(e, "S3");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent S3BucketProvider::list(const ResourceHandlerRequest &request) {
  try {
    Json out = backend_.call(kService, "ListBuckets", Json::object());
    ProgressEvent event = ProgressEvent::success(Value());
    for (const auto &b : out.value("Buckets", Json::array()))
      event.resource_models.push_back(Value::object({{"BucketName", Value(b.value("Name", ""))}}));
    return event;
  } catch (const services::ServiceError &e) {
    return failure_from(e, "S3");
  }
}

} // namespace cfnlocal::providers
