// The embedded Amazon S3: bucket operations (Amazon S3 API Reference; botocore s3/2006-03-01).
#include "services/embedded/s3_common.h"
#include "services/embedded/s3_rules.h"
#include "state/ids.h"

#include <fmt/format.h>

#include <set>

namespace cfnlocal::services::embedded {

const HandlerTable &s3_object_handlers();

namespace s3 {

[[noreturn]] void no_such_bucket(const std::string &name) {
  (void)name;
  throw ServiceError("NoSuchBucket", "The specified bucket does not exist", 404);
}

std::string object_key(const std::string &bucket, const std::string &key) {
  return bucket + "/" + key;
}

Json load_bucket(Context &c, const Json &input) {
  std::string name = required_string(input, "Bucket");
  auto record = c.store.get_record(kService, "bucket", name);
  if (!record)
    no_such_bucket(name);
  if ((*record)["Owner"] != c.account)
    throw ServiceError("AccessDenied", "Access Denied", 403);
  return *record;
}

void save_bucket(Context &c, const Json &bucket) {
  c.store.put_record(kService, "bucket", bucket["Name"].get<std::string>(), bucket);
}

namespace {

Json default_encryption() {
  return Json{
      {"Rules", Json::array({{{"ApplyServerSideEncryptionByDefault", {{"SSEAlgorithm", "AES256"}}},
                              {"BucketKeyEnabled", false}}})}};
}

Json create_bucket(Context &c, const Json &input) {
  std::string name = required_string(input, "Bucket");
  if (auto problem = bucket_name_problem(name))
    throw ServiceError("InvalidBucketName", "The specified bucket is not valid. " + *problem);
  std::string location;
  if (auto config = input.find("CreateBucketConfiguration");
      config != input.end() && config->is_object())
    location = optional_string(*config, "LocationConstraint").value_or("");
  // S3 wants the constraint to name the region the request went to; us-east-1 is the default
  // and may not be named.
  if (c.region == "us-east-1") {
    if (!location.empty())
      throw ServiceError("InvalidLocationConstraint",
                         "The specified location-constraint is not valid");
  } else if (location.empty()) {
    throw ServiceError("IllegalLocationConstraintException",
                       "The unspecified location constraint is incompatible for the region "
                       "specific endpoint this request was sent to.");
  } else if (location != c.region) {
    throw ServiceError("IllegalLocationConstraintException",
                       fmt::format("The {} location constraint is incompatible for the region "
                                   "specific endpoint this request was sent to.",
                                   location));
  }
  if (auto existing = c.store.get_record(kService, "bucket", name)) {
    if ((*existing)["Owner"] != c.account)
      throw ServiceError("BucketAlreadyExists",
                         "The requested bucket name is not available. The bucket namespace is "
                         "shared by all users of the system. Please select a different name and "
                         "try again.",
                         409);
    // us-east-1 answers 200 for a bucket you already own there (S3's legacy behaviour).
    if (c.region == "us-east-1" && (*existing)["Region"] == "us-east-1")
      return Json{{"Location", "/" + name}};
    throw ServiceError("BucketAlreadyOwnedByYou",
                       "Your previous request to create the named bucket succeeded and you "
                       "already own it.",
                       409);
  }
  Json bucket = {{"Name", name},
                 {"Region", c.region},
                 {"Owner", c.account},
                 {"CreationDate", state::now_iso8601()},
                 {"Encryption", default_encryption()}};
  if (auto ownership = optional_string(input, "ObjectOwnership"))
    bucket["OwnershipControls"] = Json{{"Rules", Json::array({{{"ObjectOwnership", *ownership}}})}};
  else
    bucket["OwnershipControls"] =
        Json{{"Rules", Json::array({{{"ObjectOwnership", "BucketOwnerEnforced"}}})}};
  save_bucket(c, bucket);
  return Json{{"Location", c.region == "us-east-1"
                               ? "/" + name
                               : fmt::format("http://{}.s3.amazonaws.com/", name)}};
}

Json head_bucket(Context &c, const Json &input) {
  std::string name = required_string(input, "Bucket");
  auto record = c.store.get_record(kService, "bucket", name);
  if (!record)
    throw ServiceError("NoSuchBucket", "Not Found", 404);
  if ((*record)["Owner"] != c.account)
    throw ServiceError("AccessDenied", "Forbidden", 403);
  return Json{{"BucketRegion", (*record)["Region"]}, {"AccessPointAlias", false}};
}

Json delete_bucket(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  std::string name = bucket["Name"];
  if (c.store.count_records(kService, "object", name + "/") > 0)
    throw ServiceError("BucketNotEmpty", "The bucket you tried to delete is not empty", 409);
  c.store.delete_record(kService, "bucket", name);
  // Its (now empty) directory of object bytes goes too.
  c.remove_after_commit.push_back(c.objects_dir / name);
  return Json::object();
}

Json list_buckets(Context &c, const Json &input) {
  Json out = {{"Buckets", Json::array()},
              {"Owner", {{"DisplayName", "cfnlocal"}, {"ID", sha256_hex(c.account)}}}};
  for (const auto &[name, b] : c.store.list_records(kService, "bucket"))
    if (b["Owner"] == c.account)
      out["Buckets"].push_back(
          {{"Name", name}, {"CreationDate", b["CreationDate"]}, {"BucketRegion", b["Region"]}});
  return out;
}

// ---- tagging --------------------------------------------------------------------------------

Json put_bucket_tagging(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  auto tagging = input.find("Tagging");
  if (tagging == input.end() || !tagging->is_object() || !tagging->contains("TagSet"))
    throw ServiceError("MalformedXML", "The XML you provided was not well-formed or did not "
                                       "validate against our published schema");
  auto tags = read_tags(*tagging, "TagSet", 50, "BadRequest");
  std::set<std::string> seen;
  for (const auto &[k, v] : tags) {
    if (!seen.insert(k).second)
      throw ServiceError("InvalidTag", "Cannot provide multiple Tags with the same key");
    if (k.starts_with("aws:"))
      throw ServiceError("InvalidTag", "System tags cannot be added/updated by requester");
  }
  bucket["Tags"] = tag_list(tags);
  save_bucket(c, bucket);
  return Json::object();
}

Json get_bucket_tagging(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  if (!bucket.contains("Tags") || bucket["Tags"].empty())
    throw ServiceError("NoSuchTagSet", "The TagSet does not exist", 404);
  return Json{{"TagSet", bucket["Tags"]}};
}

Json delete_bucket_tagging(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  bucket.erase("Tags");
  save_bucket(c, bucket);
  return Json::object();
}

// ---- versioning -----------------------------------------------------------------------------

Json put_bucket_versioning(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  auto config = input.find("VersioningConfiguration");
  if (config == input.end() || !config->is_object())
    constraint_error("VersioningConfiguration", Json(), "not be null");
  Json stored = Json::object();
  if (auto status = optional_string(*config, "Status")) {
    if (*status != "Enabled" && *status != "Suspended")
      throw ServiceError("MalformedXML", "The XML you provided was not well-formed or did not "
                                         "validate against our published schema");
    stored["Status"] = *status;
  } else if (!bucket.contains("Versioning")) {
    // Never enabled, and no status given: nothing changes.
    return Json::object();
  }
  if (auto mfa = optional_string(*config, "MFADelete")) {
    if (*mfa != "Enabled" && *mfa != "Disabled")
      throw ServiceError("MalformedXML", "The XML you provided was not well-formed or did not "
                                         "validate against our published schema");
    if (*mfa == "Enabled" && !input.contains("MFA"))
      throw ServiceError("InvalidRequest", "DevPay and Mfa are mutually exclusive "
                                           "authorization methods.");
    stored["MFADelete"] = *mfa;
  }
  if (!stored.contains("Status"))
    stored["Status"] = bucket["Versioning"].value("Status", "Suspended");
  bucket["Versioning"] = stored;
  save_bucket(c, bucket);
  return Json::object();
}

Json get_bucket_versioning(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  return bucket.contains("Versioning") ? bucket["Versioning"] : Json::object();
}

// ---- encryption -----------------------------------------------------------------------------

Json put_bucket_encryption(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  auto config = input.find("ServerSideEncryptionConfiguration");
  if (config == input.end() || !config->is_object() || !config->contains("Rules") ||
      !(*config)["Rules"].is_array() || (*config)["Rules"].empty())
    throw ServiceError("MalformedXML", "The XML you provided was not well-formed or did not "
                                       "validate against our published schema");
  for (const auto &rule : (*config)["Rules"]) {
    auto by_default = rule.find("ApplyServerSideEncryptionByDefault");
    if (by_default == rule.end())
      continue;
    std::string algorithm = by_default->value("SSEAlgorithm", "");
    if (algorithm != "AES256" && algorithm != "aws:kms" && algorithm != "aws:kms:dsse")
      throw ServiceError("MalformedXML", "The XML you provided was not well-formed or did not "
                                         "validate against our published schema");
    if (algorithm == "AES256" && by_default->contains("KMSMasterKeyID"))
      throw ServiceError("InvalidArgument",
                         "a KMSMasterKeyID is not applicable if the default sse algorithm is not "
                         "aws:kms or aws:kms:dsse");
  }
  bucket["Encryption"] = *config;
  save_bucket(c, bucket);
  return Json::object();
}

Json get_bucket_encryption(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  if (!bucket.contains("Encryption"))
    throw ServiceError("ServerSideEncryptionConfigurationNotFoundError",
                       "The server side encryption configuration was not found", 404);
  return Json{{"ServerSideEncryptionConfiguration", bucket["Encryption"]}};
}

Json delete_bucket_encryption(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  // Every bucket has SSE-S3 by default since January 2023; deleting restores it.
  bucket["Encryption"] = default_encryption();
  save_bucket(c, bucket);
  return Json::object();
}

// ---- policy ---------------------------------------------------------------------------------

Json put_bucket_policy(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  std::string policy = required_string(input, "Policy");
  if (auto problem = bucket_policy_problem(policy, bucket["Name"].get<std::string>(), c.partition))
    throw ServiceError("MalformedPolicy", *problem);
  bucket["Policy"] = policy;
  save_bucket(c, bucket);
  return Json::object();
}

Json get_bucket_policy(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  if (!bucket.contains("Policy"))
    throw ServiceError("NoSuchBucketPolicy", "The bucket policy does not exist", 404);
  return Json{{"Policy", bucket["Policy"]}};
}

Json delete_bucket_policy(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  bucket.erase("Policy");
  save_bucket(c, bucket);
  return Json::object();
}

// ---- CORS, lifecycle, ownership controls, website --------------------------------------------

[[noreturn]] void malformed_xml() {
  throw ServiceError("MalformedXML", "The XML you provided was not well-formed or did not "
                                     "validate against our published schema");
}

Json put_bucket_cors(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  auto config = input.find("CORSConfiguration");
  if (config == input.end() || !config->is_object() || !config->contains("CORSRules") ||
      !(*config)["CORSRules"].is_array() || (*config)["CORSRules"].empty())
    malformed_xml();
  if ((*config)["CORSRules"].size() > 100)
    throw ServiceError("InvalidArgument", "The number of CORS rules should not exceed allowed "
                                          "limit of 100 rules.");
  static const std::set<std::string> methods = {"GET", "PUT", "HEAD", "POST", "DELETE"};
  for (const auto &rule : (*config)["CORSRules"]) {
    if (!rule.contains("AllowedMethods") || !rule.contains("AllowedOrigins"))
      malformed_xml();
    for (const auto &m : rule["AllowedMethods"])
      if (!m.is_string() || !methods.count(m.get<std::string>()))
        throw ServiceError("InvalidRequest",
                           fmt::format("Found unsupported HTTP method in CORS config. "
                                       "Unsupported method is {}",
                                       m.is_string() ? m.get<std::string>() : m.dump()));
  }
  bucket["Cors"] = *config;
  save_bucket(c, bucket);
  return Json::object();
}

Json put_bucket_lifecycle(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  auto config = input.find("LifecycleConfiguration");
  if (config == input.end() || !config->is_object() || !config->contains("Rules") ||
      !(*config)["Rules"].is_array() || (*config)["Rules"].empty())
    malformed_xml();
  if ((*config)["Rules"].size() > 1000)
    throw ServiceError("InvalidRequest", "The number of lifecycle rules should not exceed "
                                         "allowed limit of 1000 rules");
  std::set<std::string> ids;
  for (const auto &rule : (*config)["Rules"]) {
    std::string status = rule.value("Status", "");
    if (status != "Enabled" && status != "Disabled")
      malformed_xml();
    std::string id = rule.value("ID", "");
    if (id.size() > 255)
      throw ServiceError("InvalidArgument", "ID length should not exceed allowed limit of 255");
    if (!id.empty() && !ids.insert(id).second)
      throw ServiceError("InvalidArgument", "Rule ID must be unique. Found same ID for more "
                                            "than one rule");
    bool action = false;
    for (const char *key : {"Expiration", "Transitions", "NoncurrentVersionExpiration",
                            "NoncurrentVersionTransitions", "AbortIncompleteMultipartUpload"})
      action = action || rule.contains(key);
    if (!action)
      throw ServiceError("InvalidRequest", "At least one action needs to be specified in a rule");
  }
  bucket["Lifecycle"] = *config;
  save_bucket(c, bucket);
  return Json::object();
}

Json put_bucket_ownership_controls(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  auto config = input.find("OwnershipControls");
  if (config == input.end() || !config->is_object() || !config->contains("Rules") ||
      !(*config)["Rules"].is_array() || (*config)["Rules"].size() != 1)
    malformed_xml();
  std::string ownership = (*config)["Rules"][0].value("ObjectOwnership", "");
  if (ownership != "BucketOwnerPreferred" && ownership != "ObjectWriter" &&
      ownership != "BucketOwnerEnforced")
    malformed_xml();
  bucket["OwnershipControls"] = *config;
  save_bucket(c, bucket);
  return Json::object();
}

// PutPublicAccessBlock: the four flags, each optional boolean (S3 API Reference).
Json put_public_access_block(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  auto config = input.find("PublicAccessBlockConfiguration");
  if (config == input.end() || !config->is_object())
    malformed_xml();
  for (const auto &[key, value] : config->items()) {
    if (key != "BlockPublicAcls" && key != "IgnorePublicAcls" && key != "BlockPublicPolicy" &&
        key != "RestrictPublicBuckets")
      malformed_xml();
    if (!value.is_boolean())
      malformed_xml();
  }
  bucket["PublicAccessBlock"] = *config;
  save_bucket(c, bucket);
  return Json::object();
}

Json put_bucket_website(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  auto config = input.find("WebsiteConfiguration");
  if (config == input.end() || !config->is_object())
    malformed_xml();
  bool redirect_all = config->contains("RedirectAllRequestsTo");
  if (redirect_all && (config->contains("IndexDocument") || config->contains("ErrorDocument") ||
                       config->contains("RoutingRules")))
    throw ServiceError("InvalidArgument",
                       "RedirectAllRequestsTo cannot be provided in "
                       "conjunction with other Routing/Redirect configurations.");
  if (!redirect_all && !config->contains("IndexDocument"))
    throw ServiceError("InvalidArgument", "A value for IndexDocument Suffix must be provided if "
                                          "RedirectAllRequestsTo is empty");
  if (config->contains("IndexDocument")) {
    std::string suffix = (*config)["IndexDocument"].value("Suffix", "");
    if (suffix.empty() || suffix.find('/') != std::string::npos)
      throw ServiceError("InvalidArgument", "The IndexDocument Suffix is not well formed");
  }
  bucket["Website"] = *config;
  save_bucket(c, bucket);
  return Json::object();
}

// Get/Delete of a stored configuration member, with S3's "not found" code for each.
template <const char *Member, const char *Output, const char *Code, const char *Message>
Json get_config(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  if (!bucket.contains(Member))
    throw ServiceError(Code, Message, 404);
  if (Output[0] == '\0')
    return bucket[Member];
  return Json{{Output, bucket[Member]}};
}

template <const char *Member> Json delete_config(Context &c, const Json &input) {
  Json bucket = load_bucket(c, input);
  bucket.erase(Member);
  save_bucket(c, bucket);
  return Json::object();
}

constexpr char kCors[] = "Cors", kLifecycle[] = "Lifecycle", kOwnership[] = "OwnershipControls",
               kWebsite[] = "Website", kEmpty[] = "", kOwnershipOut[] = "OwnershipControls",
               kPublicAccess[] = "PublicAccessBlock",
               kPublicAccessOut[] = "PublicAccessBlockConfiguration";
constexpr char kNoCors[] = "NoSuchCORSConfiguration",
               kNoCorsMsg[] = "The CORS configuration does not exist",
               kNoLifecycle[] = "NoSuchLifecycleConfiguration",
               kNoLifecycleMsg[] = "The lifecycle configuration does not exist",
               kNoOwnership[] = "OwnershipControlsNotFoundError",
               kNoOwnershipMsg[] = "The bucket ownership controls were not found",
               kNoWebsite[] = "NoSuchWebsiteConfiguration",
               kNoWebsiteMsg[] = "The specified bucket does not have a website configuration",
               kNoPublicAccess[] = "NoSuchPublicAccessBlockConfiguration",
               kNoPublicAccessMsg[] = "The public access block configuration was not found";

} // namespace
} // namespace s3

const HandlerTable &s3_handlers() {
  using namespace s3;
  static const HandlerTable table = [] {
    HandlerTable t = {
        {"CreateBucket", create_bucket},
        {"HeadBucket", head_bucket},
        {"DeleteBucket", delete_bucket},
        {"ListBuckets", list_buckets},
        {"PutBucketTagging", put_bucket_tagging},
        {"GetBucketTagging", get_bucket_tagging},
        {"DeleteBucketTagging", delete_bucket_tagging},
        {"PutBucketVersioning", put_bucket_versioning},
        {"GetBucketVersioning", get_bucket_versioning},
        {"PutBucketEncryption", put_bucket_encryption},
        {"GetBucketEncryption", get_bucket_encryption},
        {"DeleteBucketEncryption", delete_bucket_encryption},
        {"PutBucketPolicy", put_bucket_policy},
        {"GetBucketPolicy", get_bucket_policy},
        {"DeleteBucketPolicy", delete_bucket_policy},
        {"PutBucketCors", put_bucket_cors},
        {"GetBucketCors", get_config<kCors, kEmpty, kNoCors, kNoCorsMsg>},
        {"DeleteBucketCors", delete_config<kCors>},
        {"PutBucketLifecycleConfiguration", put_bucket_lifecycle},
        {"GetBucketLifecycleConfiguration",
         get_config<kLifecycle, kEmpty, kNoLifecycle, kNoLifecycleMsg>},
        {"DeleteBucketLifecycle", delete_config<kLifecycle>},
        {"PutBucketOwnershipControls", put_bucket_ownership_controls},
        {"GetBucketOwnershipControls",
         get_config<kOwnership, kOwnershipOut, kNoOwnership, kNoOwnershipMsg>},
        {"DeleteBucketOwnershipControls", delete_config<kOwnership>},
        {"PutBucketWebsite", put_bucket_website},
        {"GetBucketWebsite", get_config<kWebsite, kEmpty, kNoWebsite, kNoWebsiteMsg>},
        {"DeleteBucketWebsite", delete_config<kWebsite>},
        {"PutPublicAccessBlock", put_public_access_block},
        {"GetPublicAccessBlock",
         get_config<kPublicAccess, kPublicAccessOut, kNoPublicAccess, kNoPublicAccessMsg>},
        {"DeletePublicAccessBlock", delete_config<kPublicAccess>},
    };
    for (const auto &[name, handler] : s3_object_handlers())
      t.emplace(name, handler);
    return t;
  }();
  return table;
}

} // namespace cfnlocal::services::embedded
