#include "providers/codecommit_repository_provider.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/s3_object_body.h"
#include "providers/service_errors.h"
#include "services/zip_archive.h"

#include <fmt/format.h>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "codecommit";
constexpr std::string_view kType = "AWS::CodeCommit::Repository";

// CloudFormation's triggers ({Name, DestinationArn, ...}) as CodeCommit's ({name, ...}).
Json triggers_input(const Value &model) {
  Json out = Json::array();
  if (const Value *list = model.find("Triggers"); list && list->is_array())
    for (const auto &t : list->as_array()) {
      Json j = to_json(t), trigger = Json::object();
      for (const auto &[k, v] : j.items())
        trigger[std::string(1, static_cast<char>(std::tolower(k[0]))) + k.substr(1)] = v;
      out.push_back(trigger);
    }
  return out;
}

Json triggers_model(const Json &triggers) {
  Json out = Json::array();
  for (const auto &t : triggers) {
    Json trigger = Json::object();
    for (const auto &[k, v] : t.items())
      if (!(v.is_array() && v.empty()) && !(v.is_string() && v.get<std::string>().empty()))
        trigger[std::string(1, static_cast<char>(std::toupper(k[0]))) + k.substr(1)] = v;
    out.push_back(trigger);
  }
  return out;
}

// The repository's name, found by its id (CodeCommit addresses repositories by name only).
std::optional<std::string> name_of(services::Backend &backend, const std::string &id) {
  Json in = Json::object();
  while (true) {
    Json out = backend.call(kService, "ListRepositories", in);
    for (const auto &r : out.value("repositories", Json::array()))
      if (r.value("repositoryId", "") == id)
        return r.value("repositoryName", "");
    if (!out.contains("nextToken"))
      return std::nullopt;
    in["nextToken"] = out["nextToken"];
  }
}

void set_attributes(Value &model, const Json &meta) {
  model.set("Id", Value(meta.value("repositoryId", "")));
  model.set("Arn", Value(meta.value("Arn", "")));
  model.set("Name", Value(meta.value("repositoryName", "")));
  model.set("CloneUrlHttp", Value(meta.value("cloneUrlHttp", "")));
  model.set("CloneUrlSsh", Value(meta.value("cloneUrlSsh", "")));
}

// Commits the zip at Code.S3 as the repository's first commit.
void import_code(services::Backend &backend, const std::string &name, const Value &code) {
  const Value *s3 = code.find("S3");
  std::string bucket = s3 ? string_of(*s3, "Bucket") : "", key = s3 ? string_of(*s3, "Key") : "";
  std::string bytes =
      s3_object_body(backend, bucket, key, s3 ? string_of(*s3, "ObjectVersion") : "");
  std::vector<services::ZipEntry> entries;
  try {
    entries = services::zip_entries(bytes);
  } catch (const std::exception &e) {
    throw services::ServiceError(
        "InvalidRequest",
        fmt::format("Code.S3 s3://{}/{} is not a zip archive: {}", bucket, key, e.what()));
  }
  if (entries.empty())
    return;
  Json files = Json::array();
  for (const auto &e : entries)
    files.push_back({{"filePath", e.path},
                     {"fileMode", e.executable ? "EXECUTABLE" : "NORMAL"},
                     {"fileContent", Json::binary(std::vector<std::uint8_t>(e.content.begin(),
                                                                            e.content.end()))}});
  std::string branch = string_of(code, "BranchName");
  backend.call(kService, "CreateCommit",
               Json{{"repositoryName", name},
                    {"branchName", branch.empty() ? "main" : branch},
                    {"putFiles", files},
                    {"commitMessage", "Initial commit by AWS CloudFormation"},
                    {"authorName", "AWS CloudFormation"}});
}

} // namespace

ProgressEvent CodeCommitRepositoryProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = properties;
  std::string name = string_of(model, "RepositoryName");
  Json in = {{"repositoryName", name}};
  if (model.find("RepositoryDescription"))
    in["repositoryDescription"] = string_of(model, "RepositoryDescription");
  if (std::string key = string_of(model, "KmsKeyId"); !key.empty())
    in["kmsKeyId"] = key;
  if (Json tags = tag_map(tag_list(model.find("Tags"))); !tags.empty())
    in["tags"] = tags;
  Json meta;
  try {
    meta = backend_.call(kService, "CreateRepository", in).value("repositoryMetadata", Json());
  } catch (const services::ServiceError &e) {
    if (e.code() == "RepositoryNameExistsException")
      return already_exists(name);
    return failure_from(e, "CodeCommit");
  }
  try {
    if (Json triggers = triggers_input(model); !triggers.empty())
      backend_.call(kService, "PutRepositoryTriggers",
                    Json{{"repositoryName", name}, {"triggers", triggers}});
    if (const Value *code = model.find("Code"); code && code->is_object())
      import_code(backend_, name, *code);
  } catch (const services::ServiceError &e) {
    try {
      backend_.call(kService, "DeleteRepository", Json{{"repositoryName", name}});
    } catch (const services::ServiceError &) {
    }
    return failure_from(e, e.code() == "NoSuchKey" || e.code() == "NoSuchBucket" ? "S3"
                                                                                 : "CodeCommit");
  }
  set_attributes(model, meta);
  return ProgressEvent::success(std::move(model));
}

ProgressEvent CodeCommitRepositoryProvider::read(const ResourceHandlerRequest &request) {
  const std::string &id = request.physical_id;
  try {
    auto name = name_of(backend_, id);
    if (!name)
      return not_found(kType, id);
    Json meta = backend_.call(kService, "GetRepository", Json{{"repositoryName", *name}})
                    .value("repositoryMetadata", Json::object());
    Json tags =
        backend_.call(kService, "ListTagsForResource", Json{{"resourceArn", meta.value("Arn", "")}})
            .value("tags", Json::object());
    Json triggers =
        backend_.call(kService, "GetRepositoryTriggers", Json{{"repositoryName", *name}})
            .value("triggers", Json::array());
    Json m = {{"RepositoryName", *name}};
    if (meta.contains("repositoryDescription"))
      m["RepositoryDescription"] = meta["repositoryDescription"];
    if (meta.contains("kmsKeyId"))
      m["KmsKeyId"] = meta["kmsKeyId"];
    if (!tags.empty())
      m["Tags"] = tag_list_of(tags);
    if (!triggers.empty())
      m["Triggers"] = triggers_model(triggers);
    Value model = from_json(m);
    set_attributes(model, meta);
    return ProgressEvent::success(std::move(model));
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, id, "CodeCommit");
  }
}

ProgressEvent CodeCommitRepositoryProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired))
    return *failure;
  const std::string &id = request.physical_id;
  Json meta;
  try {
    auto name = name_of(backend_, id);
    if (!name)
      return not_found(kType, id);
    std::string wanted = string_of(desired, "RepositoryName");
    if (wanted != *name) {
      backend_.call(kService, "UpdateRepositoryName",
                    Json{{"oldName", *name}, {"newName", wanted}});
      name = wanted;
    }
    Json before = backend_.call(kService, "GetRepository", Json{{"repositoryName", *name}})
                      .value("repositoryMetadata", Json::object());
    std::string description = string_of(desired, "RepositoryDescription");
    if (before.value("repositoryDescription", "") != description) {
      Json in = {{"repositoryName", *name}};
      if (desired.find("RepositoryDescription"))
        in["repositoryDescription"] = description;
      backend_.call(kService, "UpdateRepositoryDescription", in);
    }
    Json triggers = triggers_input(desired);
    Json current = backend_.call(kService, "GetRepositoryTriggers", Json{{"repositoryName", *name}})
                       .value("triggers", Json::array());
    if (triggers != current)
      backend_.call(kService, "PutRepositoryTriggers",
                    Json{{"repositoryName", *name}, {"triggers", triggers}});
    std::string arn = before.value("Arn", "");
    Json tags_now =
        tag_list_of(backend_.call(kService, "ListTagsForResource", Json{{"resourceArn", arn}})
                        .value("tags", Json::object()));
    TagDiff changes = tag_diff(tags_now, tag_list(desired.find("Tags")));
    if (!changes.removed.empty())
      backend_.call(kService, "UntagResource",
                    Json{{"resourceArn", arn}, {"tagKeys", changes.removed}});
    if (!changes.set.empty())
      backend_.call(kService, "TagResource",
                    Json{{"resourceArn", arn}, {"tags", tag_map(changes.set)}});
    meta = before;
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, id, "CodeCommit");
  }
  Value model = merged_model(*type, request, request.previous_state);
  set_attributes(model, meta);
  return ProgressEvent::success(std::move(model));
}

ProgressEvent CodeCommitRepositoryProvider::remove(const ResourceHandlerRequest &request) {
  try {
    auto name = name_of(backend_, request.physical_id);
    if (!name)
      return not_found(kType, request.physical_id);
    backend_.call(kService, "DeleteRepository", Json{{"repositoryName", *name}});
  } catch (const services::ServiceError &e) {
    return failure_for(e, kType, request.physical_id, "CodeCommit");
  }
  return ProgressEvent::success(Value());
}

ProgressEvent CodeCommitRepositoryProvider::list(const ResourceHandlerRequest &request) {
  return list_page(
      backend_, request,
      {kService, "ListRepositories", "nextToken", "repositories", "nextToken", "CodeCommit"},
      Json::object(), [](const Json &r) {
        return Value::object({{"Id", Value(r.value("repositoryId", "")), {}}});
      });
}

} // namespace cfnlocal::providers
