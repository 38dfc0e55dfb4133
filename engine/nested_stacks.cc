#include "engine/nested_stacks.h"

#include "engine/engine.h"
#include "parser/json.h"
#include "parser/reader.h"
#include "transforms/include/include.h"

#include <filesystem>
#include <fmt/format.h>

namespace cfnlocal::engine {

using providers::HandlerErrorCode;
using providers::ProgressEvent;

NestedTemplate read_nested_template(const std::string &url, const std::string &parent_template_file,
                                    services::Backend &backend) {
  if (auto s3 = transforms::include::s3_location(url)) {
    try {
      Json object = backend.call("s3", "GetObject", Json{{"Bucket", s3->bucket}, {"Key", s3->key}});
      return NestedTemplate{object.value("Body", std::string()), url};
    } catch (const services::ServiceError &e) {
      throw Error(fmt::format("S3 error: {} ({})", e.message(), url));
    }
  }
  bool file_url = url.rfind("file://", 0) == 0;
  if (!file_url && url.find("://") != std::string::npos)
    throw Error(fmt::format("TemplateURL must be an Amazon S3 URL (s3://bucket/key or an S3 https "
                            "URL), a file:// URL or a local path: {}",
                            url));
  std::filesystem::path path(file_url ? url.substr(7) : url);
  if (path.is_relative() && !parent_template_file.empty())
    path = std::filesystem::path(parent_template_file).parent_path() / path;
  std::string name = path.lexically_normal().string();
  return NestedTemplate{read_file_text(name), name};
}

std::map<std::string, std::string> nested_parameter_values(const Value &parameters) {
  std::map<std::string, std::string> out;
  if (!parameters.is_object())
    return out;
  for (const auto &m : parameters.as_object()) {
    if (m.value.is_array()) {
      std::string joined;
      for (const auto &item : m.value.as_array())
        joined += (joined.empty() ? "" : ",") + item.scalar_string().value_or("");
      out[m.key] = joined;
    } else if (m.value.is_object()) {
      throw Error(fmt::format("Value of property Parameters must be an object with String (or "
                              "simple type) properties; {} is an object",
                              m.key));
    } else {
      out[m.key] = m.value.scalar_string().value_or("");
    }
  }
  return out;
}

namespace {

constexpr const char *kTemplateFile = "template_file";

/// CloudFormation's nested stack name: PARENT-LOGICALID-SUFFIX within the 128-character limit.
std::string child_name(const std::string &parent, const std::string &logical_id,
                       const std::string &suffix) {
  std::string head = parent + "-" + logical_id;
  size_t room = 128 - suffix.size() - 1;
  if (head.size() > room)
    head.resize(room);
  return head + "-" + suffix;
}

Value model_of(const state::StackRecord &child, const Value &properties) {
  Value model = properties.is_object() ? properties : Value::object();
  model.set("StackId", Value(child.stack_id));
  model.set("StackStatus", Value(child.status));
  Value outputs = Value::array();
  for (const auto &o : child.outputs) {
    Value entry = Value::object();
    entry.set("OutputKey", Value(o.key));
    entry.set("OutputValue", Value(o.value));
    if (!o.description.empty())
      entry.set("Description", Value(o.description));
    if (!o.export_name.empty())
      entry.set("ExportName", Value(o.export_name));
    outputs.push_back(std::move(entry));
  }
  model.set("Outputs", std::move(outputs));
  return model;
}

std::string template_file_of(const state::StackRecord &stack) {
  if (stack.extra.is_object() && stack.extra.contains(kTemplateFile) &&
      stack.extra[kTemplateFile].is_string())
    return stack.extra[kTemplateFile].get<std::string>();
  return {};
}

bool gone(const std::optional<state::StackRecord> &s) {
  return !s || s->status == "DELETE_COMPLETE";
}

} // namespace

NestedStackProvider::NestedStackProvider(Engine &engine, std::function<Reporter &()> reporter,
                                         providers::RandomSource &random)
    : engine_(engine), reporter_(std::move(reporter)), random_(random) {}

ProgressEvent NestedStackProvider::create(const providers::ResourceHandlerRequest &request) {
  auto &store = engine_.store();
  auto parent = store.find_stack(request.stack_id);
  if (!parent)
    return ProgressEvent::failure(HandlerErrorCode::InternalFailure,
                                  "The parent stack " + request.stack_id + " is not recorded");
  const Value *url = request.desired_state.find("TemplateURL");
  if (!url || !url->is_string())
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest,
                                  "Properties validation failed for resource " +
                                      request.logical_id +
                                      " with message: #: required key [TemplateURL] not found");
  DeployOptions o;
  try {
    NestedTemplate source =
        read_nested_template(url->as_string(), template_file_of(*parent), engine_.backend());
    o.template_file = source.name;
    o.template_body = std::move(source.body);
    if (const Value *p = request.desired_state.find("Parameters"))
      o.parameter_overrides = nested_parameter_values(*p);
    if (const Value *t = request.desired_state.find("TimeoutInMinutes"))
      o.timeout_in_minutes = std::stoi(t->scalar_string().value_or("0"));
  } catch (const Error &e) {
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, e.message());
  } catch (const std::exception &e) {
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest,
                                  std::string("TimeoutInMinutes: ") + e.what());
  }
  o.stack_name = child_name(parent->name, request.logical_id, random_.upper_alnum(13));
  o.capabilities = parent->capabilities;
  o.disable_rollback = parent->disable_rollback;
  for (const auto &t : parent->tags)
    o.tags[t.key] = t.value;
  o.parent_id = parent->stack_id;
  o.root_id = parent->root_id.empty() ? parent->stack_id : parent->root_id;
  OperationResult result;
  try {
    result = engine_.deploy(o, reporter_());
  } catch (const Error &e) {
    // Refused before anything was created (a template or parameter error): no child remains.
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, e.message());
  }
  Value model = model_of(result.stack, request.desired_state);
  if (result.succeeded)
    return ProgressEvent::success(std::move(model));
  auto failed =
      ProgressEvent::failure(HandlerErrorCode::GeneralServiceException,
                             fmt::format("Embedded stack {} was not successfully created: {}",
                                         result.stack.stack_id, result.message));
  // The child exists (rolled back, or failed with rollback disabled): its ID is recorded so the
  // parent's rollback or deletion deletes it.
  failed.resource_model = std::move(model);
  return failed;
}

ProgressEvent NestedStackProvider::read(const providers::ResourceHandlerRequest &request) {
  auto child = engine_.store().find_stack(request.physical_id);
  if (gone(child))
    return ProgressEvent::failure(HandlerErrorCode::NotFound,
                                  "Stack with id " + request.physical_id + " does not exist");
  return ProgressEvent::success(model_of(*child, request.desired_state));
}

ProgressEvent NestedStackProvider::update(const providers::ResourceHandlerRequest &request) {
  auto &store = engine_.store();
  auto child = store.find_stack(request.physical_id);
  if (gone(child))
    return ProgressEvent::failure(HandlerErrorCode::NotFound,
                                  "Stack with id " + request.physical_id + " does not exist");
  auto parent = store.find_stack(request.stack_id);
  DeployOptions o;
  o.stack_name = child->name;
  o.capabilities = parent ? parent->capabilities : child->capabilities;
  o.disable_rollback = parent && parent->disable_rollback;
  for (const auto &t : (parent ? parent->tags : child->tags))
    o.tags[t.key] = t.value;
  o.parent_id = child->parent_id;
  o.root_id = child->root_id;
  bool rolling_back = parent && parent->status == "UPDATE_ROLLBACK_IN_PROGRESS";
  if (rolling_back) {
    // The parent's rollback: the child goes back to the template and parameters it had before
    // this operation (the URL's content may have changed since).
    if (child->status != "UPDATE_COMPLETE" || child->previous_template_body.empty())
      return ProgressEvent::success(model_of(*child, request.desired_state));
    o.template_file = template_file_of(*child);
    o.template_body = child->previous_template_body;
    for (const auto &p : child->previous_parameters)
      o.parameter_overrides[p.key] = p.value;
  } else {
    const Value *url = request.desired_state.find("TemplateURL");
    if (!url || !url->is_string())
      return ProgressEvent::failure(HandlerErrorCode::InvalidRequest,
                                    "Properties validation failed for resource " +
                                        request.logical_id +
                                        " with message: #: required key [TemplateURL] not found");
    try {
      NestedTemplate source = read_nested_template(
          url->as_string(), parent ? template_file_of(*parent) : "", engine_.backend());
      o.template_file = source.name;
      o.template_body = std::move(source.body);
      if (const Value *p = request.desired_state.find("Parameters"))
        o.parameter_overrides = nested_parameter_values(*p);
      if (const Value *t = request.desired_state.find("TimeoutInMinutes"))
        o.timeout_in_minutes = std::stoi(t->scalar_string().value_or("0"));
    } catch (const Error &e) {
      return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, e.message());
    } catch (const std::exception &e) {
      return ProgressEvent::failure(HandlerErrorCode::InvalidRequest,
                                    std::string("TimeoutInMinutes: ") + e.what());
    }
  }
  OperationResult result;
  try {
    result = engine_.deploy(o, reporter_());
  } catch (const Error &e) {
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, e.message());
  }
  if (result.succeeded)
    return ProgressEvent::success(model_of(result.stack, request.desired_state));
  return ProgressEvent::failure(
      HandlerErrorCode::GeneralServiceException,
      fmt::format("Embedded stack {} was not successfully updated. Currently in {} with reason: {}",
                  result.stack.stack_id, result.stack.status, result.message));
}

ProgressEvent NestedStackProvider::remove(const providers::ResourceHandlerRequest &request) {
  auto child = engine_.store().find_stack(request.physical_id);
  if (gone(child))
    return ProgressEvent::failure(HandlerErrorCode::NotFound,
                                  "Stack with id " + request.physical_id + " does not exist");
  DeleteOptions d;
  d.stack_name = child->name;
  auto result = engine_.delete_stack(d, reporter_());
  if (!result.succeeded)
    return ProgressEvent::failure(HandlerErrorCode::GeneralServiceException,
                                  fmt::format("Embedded stack {} was not successfully deleted: {}",
                                              child->stack_id, result.message));
  return ProgressEvent::success(Value());
}

ProgressEvent NestedStackProvider::list(const providers::ResourceHandlerRequest &) {
  ProgressEvent e = ProgressEvent::success(Value());
  for (const auto &s : engine_.store().list_stacks())
    if (!s.parent_id.empty() && s.status != "DELETE_COMPLETE")
      e.resource_models.push_back(model_of(s, Value()));
  return e;
}

std::string NestedStackProvider::physical_id(std::string_view, const Value &model) const {
  const Value *id = model.find("StackId");
  return id && id->is_string() ? id->as_string() : std::string();
}

std::optional<Value> NestedStackProvider::ref(std::string_view, const Value &model) const {
  const Value *id = model.find("StackId");
  if (!id)
    return std::nullopt;
  return *id;
}

bool NestedStackProvider::has_attribute(std::string_view, std::string_view attribute) const {
  return attribute.starts_with("Outputs.") || attribute == "StackId" || attribute == "StackStatus";
}

std::optional<Value> NestedStackProvider::get_att(const providers::ResourceHandlerRequest &,
                                                  const Value &model,
                                                  std::string_view attribute) const {
  if (!attribute.starts_with("Outputs.")) {
    const Value *v = model.find(attribute);
    return v ? std::optional<Value>(*v) : std::nullopt;
  }
  std::string_view key = attribute.substr(8);
  if (const Value *outputs = model.find("Outputs"); outputs && outputs->is_array())
    for (const auto &o : outputs->as_array())
      if (const Value *k = o.find("OutputKey"); k && k->is_string() && k->as_string() == key)
        if (const Value *v = o.find("OutputValue"))
          return *v;
  return std::nullopt;
}

} // namespace cfnlocal::engine
