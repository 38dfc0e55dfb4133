#include "providers/iot_providers.h"

#include "providers/model_access.h"
#include "providers/model_synthesis.h"
#include "providers/provider_steps.h"
#include "providers/service_errors.h"

#include <fmt/format.h>

#include <cctype>

namespace cfnlocal::providers {
namespace {

constexpr std::string_view kService = "iot";
constexpr std::string_view kLabel = "IoT";

using services::Backend;
using services::ServiceError;

// A resource the handler looked for and IoT does not have.
struct Gone {};

// IoT answers UnauthorizedException for topic rules that do not exist.
bool gone(const ServiceError &e) { return is_not_found(e) || e.code() == "UnauthorizedException"; }

std::pair<std::string, std::string> split_id(const std::string &id) {
  size_t bar = id.find('|');
  if (bar == std::string::npos)
    return {id, ""};
  return {id.substr(0, bar), id.substr(bar + 1)};
}

// ---- property name cases: CloudFormation's PascalCase, IoT's camelCase ----------------------

Json recased(const Json &value, bool lower) {
  // Kafka's client properties are a map of Kafka's own names, kept as given.
  return providers::recased(value, lower, [](const std::string &k, const Json &) {
    return k == "ClientProperties" || k == "clientProperties";
  });
}

// ---- AWS::IoT::Thing --------------------------------------------------------------------------

Json thing_attributes(const Value &model) {
  const Value *payload = model.find("AttributePayload");
  const Value *attributes = payload ? payload->find("Attributes") : nullptr;
  Json out = Json::object();
  if (attributes && attributes->is_object()) {
    Json given = to_json(*attributes);
    for (const auto &[k, v] : given.items())
      out[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

Json thing_model(Backend &backend, const std::string &name) {
  Json t = backend.call(kService, "DescribeThing", Json{{"thingName", name}});
  Json m = {{"ThingName", name}, {"Id", t.value("thingId", "")}, {"Arn", t.value("thingArn", "")}};
  if (Json a = t.value("attributes", Json::object()); !a.empty())
    m["AttributePayload"] = {{"Attributes", a}};
  return m;
}

Json create_thing(Backend &backend, Value &model) {
  std::string name = string_of(model, "ThingName");
  try {
    backend.call(kService, "DescribeThing", Json{{"thingName", name}});
    throw ServiceError("ResourceAlreadyExistsException", fmt::format("{} already exists", name));
  } catch (const ServiceError &e) {
    if (!is_not_found(e))
      throw;
  }
  backend.call(
      kService, "CreateThing",
      Json{{"thingName", name}, {"attributePayload", {{"attributes", thing_attributes(model)}}}});
  return thing_model(backend, name);
}

void update_thing(Backend &backend, const std::string &name, const Value &desired) {
  backend.call(
      kService, "UpdateThing",
      Json{{"thingName", name},
           {"attributePayload", {{"attributes", thing_attributes(desired)}, {"merge", false}}}});
}

// ---- AWS::IoT::Policy -------------------------------------------------------------------------

std::string document_text(const Value &model) {
  const Value *d = model.find("PolicyDocument");
  if (!d)
    return "";
  return d->is_string() ? d->as_string() : to_json(*d).dump();
}

Json policy_model(Backend &backend, const std::string &name) {
  Json p = backend.call(kService, "GetPolicy", Json{{"policyName", name}});
  std::string arn = p.value("policyArn", "");
  Json m = {{"PolicyName", name}, {"Id", name}, {"Arn", arn}};
  Json doc = Json::parse(p.value("policyDocument", ""), nullptr, false);
  m["PolicyDocument"] = doc.is_discarded() ? Json(p.value("policyDocument", "")) : doc;
  Json tags = backend.call(kService, "ListTagsForResource", Json{{"resourceArn", arn}})
                  .value("tags", Json::array());
  if (!tags.empty())
    m["Tags"] = tags;
  return m;
}

Json create_policy(Backend &backend, Value &model) {
  std::string name = string_of(model, "PolicyName");
  Json in = {{"policyName", name}, {"policyDocument", document_text(model)}};
  if (Json tags = tag_list(model.find("Tags")); !tags.empty())
    in["tags"] = tags;
  backend.call(kService, "CreatePolicy", in);
  return policy_model(backend, name);
}

void update_tags(Backend &backend, const std::string &arn, const Json &before, const Json &after) {
  TagDiff changes = tag_diff(before, after);
  if (!changes.removed.empty())
    backend.call(kService, "UntagResource",
                 Json{{"resourceArn", arn}, {"tagKeys", changes.removed}});
  if (!changes.set.empty())
    backend.call(kService, "TagResource", Json{{"resourceArn", arn}, {"tags", changes.set}});
}

void update_policy(Backend &backend, const std::string &name, const Value &desired) {
  Json current = backend.call(kService, "GetPolicy", Json{{"policyName", name}});
  std::string document = document_text(desired);
  if (Json::parse(document, nullptr, false) !=
      Json::parse(current.value("policyDocument", ""), nullptr, false)) {
    Json versions = backend.call(kService, "ListPolicyVersions", Json{{"policyName", name}})
                        .value("policyVersions", Json::array());
    if (versions.size() >= 5) {
      // The oldest version that is not the default makes room, as the AWS handler does.
      std::string oldest;
      for (const auto &v : versions)
        if (!v.value("isDefaultVersion", false) &&
            (oldest.empty() || std::stoll(v.value("versionId", "0")) < std::stoll(oldest)))
          oldest = v.value("versionId", "");
      backend.call(kService, "DeletePolicyVersion",
                   Json{{"policyName", name}, {"policyVersionId", oldest}});
    }
    backend.call(kService, "CreatePolicyVersion",
                 Json{{"policyName", name}, {"policyDocument", document}, {"setAsDefault", true}});
  }
  std::string arn = current.value("policyArn", "");
  Json before = backend.call(kService, "ListTagsForResource", Json{{"resourceArn", arn}})
                    .value("tags", Json::array());
  update_tags(backend, arn, before, tag_list(desired.find("Tags")));
}

void delete_policy(Backend &backend, const std::string &name) {
  for (const auto &v : backend.call(kService, "ListPolicyVersions", Json{{"policyName", name}})
                           .value("policyVersions", Json::array()))
    if (!v.value("isDefaultVersion", false))
      backend.call(kService, "DeletePolicyVersion",
                   Json{{"policyName", name}, {"policyVersionId", v.value("versionId", "")}});
  backend.call(kService, "DeletePolicy", Json{{"policyName", name}});
}

// ---- AWS::IoT::Certificate --------------------------------------------------------------------

Json certificate_model(Backend &backend, const std::string &id) {
  Json d = backend.call(kService, "DescribeCertificate", Json{{"certificateId", id}})
               .value("certificateDescription", Json::object());
  Json m = {{"Id", id},
            {"Arn", d.value("certificateArn", "")},
            {"Status", d.value("status", "")},
            {"CertificatePem", d.value("certificatePem", "")},
            {"CertificateMode", d.value("certificateMode", "DEFAULT")}};
  return m;
}

Json create_certificate(Backend &backend, Value &model) {
  std::string status = string_of(model, "Status");
  std::string csr = string_of(model, "CertificateSigningRequest");
  std::string pem = string_of(model, "CertificatePem");
  std::string ca = string_of(model, "CACertificatePem");
  std::string mode = string_of(model, "CertificateMode");
  bool active = status == "ACTIVE";
  Json out;
  if (!csr.empty())
    out = backend.call(kService, "CreateCertificateFromCsr",
                       Json{{"certificateSigningRequest", csr}, {"setAsActive", active}});
  else if (pem.empty())
    throw ServiceError("InvalidRequest",
                       "One of CertificateSigningRequest or CertificatePem is required");
  else if (mode == "SNI_ONLY")
    out = backend.call(kService, "RegisterCertificateWithoutCA",
                       Json{{"certificatePem", pem}, {"status", status}});
  else {
    Json in = {{"certificatePem", pem}, {"status", status}};
    if (!ca.empty())
      in["caCertificatePem"] = ca;
    out = backend.call(kService, "RegisterCertificate", in);
  }
  std::string id = out.value("certificateId", "");
  if (!csr.empty() && status != "ACTIVE" && status != "INACTIVE")
    backend.call(kService, "UpdateCertificate", Json{{"certificateId", id}, {"newStatus", status}});
  Json m = certificate_model(backend, id);
  if (!csr.empty())
    m["CertificateSigningRequest"] = csr;
  if (!ca.empty())
    m["CACertificatePem"] = ca;
  return m;
}

void delete_certificate(Backend &backend, const std::string &id) {
  Json d = backend.call(kService, "DescribeCertificate", Json{{"certificateId", id}})
               .value("certificateDescription", Json::object());
  if (d.value("status", "") == "ACTIVE")
    backend.call(kService, "UpdateCertificate",
                 Json{{"certificateId", id}, {"newStatus", "INACTIVE"}});
  backend.call(kService, "DeleteCertificate", Json{{"certificateId", id}});
}

// ---- the attachments --------------------------------------------------------------------------

bool policy_attached(Backend &backend, const std::string &policy, const std::string &principal) {
  Json in = {{"policyName", policy}};
  while (true) {
    Json out = backend.call(kService, "ListTargetsForPolicy", in);
    for (const auto &t : out.value("targets", Json::array()))
      if (t == principal)
        return true;
    if (!out.contains("nextMarker"))
      return false;
    in["marker"] = out["nextMarker"];
  }
}

bool thing_attached(Backend &backend, const std::string &thing, const std::string &principal,
                    std::string *type) {
  Json in = {{"thingName", thing}};
  while (true) {
    Json out = backend.call(kService, "ListThingPrincipalsV2", in);
    for (const auto &p : out.value("thingPrincipalObjects", Json::array()))
      if (p.value("principal", "") == principal) {
        if (type)
          *type = p.value("thingPrincipalType", "");
        return true;
      }
    if (!out.contains("nextToken"))
      return false;
    in["nextToken"] = out["nextToken"];
  }
}

Json attach_thing(Backend &backend, const Value &model) {
  std::string thing = string_of(model, "ThingName"), principal = string_of(model, "Principal");
  Json in = {{"thingName", thing}, {"principal", principal}};
  std::string type = string_of(model, "ThingPrincipalType");
  if (!type.empty())
    in["thingPrincipalType"] = type;
  backend.call(kService, "AttachThingPrincipal", in);
  Json m = {{"ThingName", thing}, {"Principal", principal}, {"Id", thing + "|" + principal}};
  if (!type.empty())
    m["ThingPrincipalType"] = type;
  return m;
}

// ---- AWS::IoT::TopicRule ----------------------------------------------------------------------

Json rule_payload(const Value &model) {
  const Value *payload = model.find("TopicRulePayload");
  Json typed_payload =
      payload ? typed(*payload, {"MaxRecords", "Limit"}, {"RuleDisabled", "BatchMode", "Enabled"})
              : Json::object();
  return recased(typed_payload, true);
}

std::string tagging_header(const Json &tags) {
  std::string out;
  for (const auto &t : tags)
    out += (out.empty() ? "" : "&") + t.value("Key", "") + "=" + t.value("Value", "");
  return out;
}

Json rule_model(Backend &backend, const std::string &name) {
  Json r = backend.call(kService, "GetTopicRule", Json{{"ruleName", name}});
  Json rule = r.value("rule", Json::object());
  std::string arn = r.value("ruleArn", "");
  Json payload = Json::object();
  for (const char *member :
       {"sql", "description", "actions", "ruleDisabled", "awsIotSqlVersion", "errorAction"})
    if (rule.contains(member))
      payload[member] = rule[member];
  Json m = {{"RuleName", name}, {"Arn", arn}, {"TopicRulePayload", recased(payload, false)}};
  Json tags = backend.call(kService, "ListTagsForResource", Json{{"resourceArn", arn}})
                  .value("tags", Json::array());
  if (!tags.empty())
    m["Tags"] = tags;
  return m;
}

Json create_rule(Backend &backend, Value &model) {
  std::string name = string_of(model, "RuleName");
  Json in = {{"ruleName", name}, {"topicRulePayload", rule_payload(model)}};
  if (Json tags = tag_list(model.find("Tags")); !tags.empty())
    in["tags"] = tagging_header(tags);
  backend.call(kService, "CreateTopicRule", in);
  return rule_model(backend, name);
}

void update_rule(Backend &backend, const std::string &name, const Value &desired) {
  backend.call(kService, "ReplaceTopicRule",
               Json{{"ruleName", name}, {"topicRulePayload", rule_payload(desired)}});
  std::string arn =
      backend.call(kService, "GetTopicRule", Json{{"ruleName", name}}).value("ruleArn", "");
  Json before = backend.call(kService, "ListTagsForResource", Json{{"resourceArn", arn}})
                    .value("tags", Json::array());
  update_tags(backend, arn, before, tag_list(desired.find("Tags")));
}

// ---- dispatch ---------------------------------------------------------------------------------

enum class Kind { Thing, Policy, Certificate, PolicyAttachment, ThingAttachment, TopicRule };

Kind kind_of(std::string_view type) {
  if (type == "AWS::IoT::Thing")
    return Kind::Thing;
  if (type == "AWS::IoT::Policy")
    return Kind::Policy;
  if (type == "AWS::IoT::Certificate")
    return Kind::Certificate;
  if (type == "AWS::IoT::PolicyPrincipalAttachment")
    return Kind::PolicyAttachment;
  if (type == "AWS::IoT::ThingPrincipalAttachment")
    return Kind::ThingAttachment;
  return Kind::TopicRule;
}

// The name of what a create would make, for AlreadyExists messages.
std::string display_name(Kind kind, const Value &model) {
  switch (kind) {
  case Kind::Thing:
    return string_of(model, "ThingName");
  case Kind::Policy:
    return string_of(model, "PolicyName");
  case Kind::TopicRule:
    return string_of(model, "RuleName");
  default:
    return "";
  }
}

// The model of the resource `id`; throws Gone when it does not exist.
Json read_model(Backend &backend, Kind kind, const std::string &id) {
  try {
    switch (kind) {
    case Kind::Thing:
      return thing_model(backend, id);
    case Kind::Policy:
      return policy_model(backend, id);
    case Kind::Certificate:
      return certificate_model(backend, id);
    case Kind::TopicRule:
      return rule_model(backend, id);
    case Kind::PolicyAttachment: {
      auto [policy, principal] = split_id(id);
      if (!policy_attached(backend, policy, principal))
        throw Gone{};
      return Json{{"PolicyName", policy}, {"Principal", principal}, {"Id", id}};
    }
    case Kind::ThingAttachment: {
      auto [thing, principal] = split_id(id);
      std::string type;
      if (!thing_attached(backend, thing, principal, &type))
        throw Gone{};
      return Json{
          {"ThingName", thing}, {"Principal", principal}, {"ThingPrincipalType", type}, {"Id", id}};
    }
    }
  } catch (const ServiceError &e) {
    if (gone(e))
      throw Gone{};
    throw;
  }
  throw Gone{};
}

} // namespace

const std::vector<std::string> &IotProvider::types() {
  static const std::vector<std::string> all = {"AWS::IoT::Certificate",
                                               "AWS::IoT::Policy",
                                               "AWS::IoT::PolicyPrincipalAttachment",
                                               "AWS::IoT::Thing",
                                               "AWS::IoT::ThingPrincipalAttachment",
                                               "AWS::IoT::TopicRule"};
  return all;
}

ProgressEvent IotProvider::create(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value properties = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = validation_failure(request, properties))
    return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, *failure);
  Value model = complete_model(type->schema(), properties, SynthesisScope::from(request), random_);
  Kind kind = kind_of(request.type_name);
  Json made;
  try {
    switch (kind) {
    case Kind::Thing:
      made = create_thing(backend_, model);
      break;
    case Kind::Policy:
      made = create_policy(backend_, model);
      break;
    case Kind::Certificate:
      made = create_certificate(backend_, model);
      break;
    case Kind::TopicRule:
      made = create_rule(backend_, model);
      break;
    case Kind::PolicyAttachment: {
      std::string policy = string_of(model, "PolicyName"),
                  principal = string_of(model, "Principal");
      backend_.call(kService, "AttachPolicy", Json{{"policyName", policy}, {"target", principal}});
      made = {{"PolicyName", policy}, {"Principal", principal}, {"Id", policy + "|" + principal}};
      break;
    }
    case Kind::ThingAttachment:
      made = attach_thing(backend_, model);
      break;
    }
  } catch (const ServiceError &e) {
    if (e.code() == "ResourceAlreadyExistsException")
      return already_exists(display_name(kind, model));
    if (e.code() == "InvalidRequest")
      return ProgressEvent::failure(HandlerErrorCode::InvalidRequest, e.message());
    return failure_from(e, kLabel);
  }
  // The template's own values stay (a document as written, write-only members); IoT's fill in.
  Json full = to_json(model);
  for (const auto &[k, v] : made.items())
    if (!full.contains(k) || k == "Id" || k == "Arn" || k == "CertificatePem" || k == "Status")
      full[k] = v;
  return ProgressEvent::success(from_json(full));
}

ProgressEvent IotProvider::read(const ResourceHandlerRequest &request) {
  try {
    return ProgressEvent::success(
        from_json(read_model(backend_, kind_of(request.type_name), request.physical_id)));
  } catch (const Gone &) {
    return not_found(request.type_name, request.physical_id);
  } catch (const ServiceError &e) {
    return failure_for(e, request.type_name, request.physical_id, kLabel);
  }
}

ProgressEvent IotProvider::update(const ResourceHandlerRequest &request) {
  const schema::ResourceType *type = type_of(request.type_name);
  if (!type)
    return unknown_type(request.type_name);
  Value desired = request.desired_state.is_object() ? request.desired_state : Value::object();
  if (auto failure = update_refusal(*type, request, request.previous_state, desired))
    return *failure;
  const std::string &id = request.physical_id;
  Kind kind = kind_of(request.type_name);
  try {
    read_model(backend_, kind, id);
    switch (kind) {
    case Kind::Thing:
      update_thing(backend_, id, desired);
      break;
    case Kind::Policy:
      update_policy(backend_, id, desired);
      break;
    case Kind::Certificate:
      backend_.call(kService, "UpdateCertificate",
                    Json{{"certificateId", id}, {"newStatus", string_of(desired, "Status")}});
      break;
    case Kind::TopicRule:
      update_rule(backend_, id, desired);
      break;
    case Kind::ThingAttachment: {
      auto [thing, principal] = split_id(id);
      backend_.call(kService, "DetachThingPrincipal",
                    Json{{"thingName", thing}, {"principal", principal}});
      attach_thing(backend_, desired);
      break;
    }
    case Kind::PolicyAttachment:
      break; // every property is createOnly: replacement, not update
    }
  } catch (const Gone &) {
    return not_found(request.type_name, id);
  } catch (const ServiceError &e) {
    return failure_for(e, request.type_name, id, kLabel);
  }
  Value model = merged_model(*type, request, request.previous_state);
  if (kind == Kind::Certificate || kind == Kind::Thing)
    try {
      Json now = read_model(backend_, kind, id);
      Json full = to_json(model);
      for (const char *k : {"Id", "Arn", "Status"})
        if (now.contains(k))
          full[k] = now[k];
      model = from_json(full);
    } catch (const Gone &) {
    } catch (const ServiceError &) {
    }
  return ProgressEvent::success(std::move(model));
}

ProgressEvent IotProvider::remove(const ResourceHandlerRequest &request) {
  const std::string &id = request.physical_id;
  Kind kind = kind_of(request.type_name);
  try {
    read_model(backend_, kind, id);
    switch (kind) {
    case Kind::Thing:
      backend_.call(kService, "DeleteThing", Json{{"thingName", id}});
      break;
    case Kind::Policy:
      delete_policy(backend_, id);
      break;
    case Kind::Certificate:
      delete_certificate(backend_, id);
      break;
    case Kind::TopicRule:
      backend_.call(kService, "DeleteTopicRule", Json{{"ruleName", id}});
      break;
    case Kind::PolicyAttachment: {
      auto [policy, principal] = split_id(id);
      backend_.call(kService, "DetachPolicy", Json{{"policyName", policy}, {"target", principal}});
      break;
    }
    case Kind::ThingAttachment: {
      auto [thing, principal] = split_id(id);
      backend_.call(kService, "DetachThingPrincipal",
                    Json{{"thingName", thing}, {"principal", principal}});
      break;
    }
    }
  } catch (const Gone &) {
    return not_found(request.type_name, id);
  } catch (const ServiceError &e) {
    return failure_for(e, request.type_name, id, kLabel);
  }
  return ProgressEvent::success(Value());
}

ProgressEvent IotProvider::list(const ResourceHandlerRequest &request) {
  switch (kind_of(request.type_name)) {
  case Kind::Thing:
    return list_page(backend_, request,
                     {kService, "ListThings", "nextToken", "things", "nextToken", kLabel},
                     Json::object(), [](const Json &t) {
                       return Value::object({{"ThingName", Value(t.value("thingName", "")), {}}});
                     });
  case Kind::Policy:
    return list_page(backend_, request,
                     {kService, "ListPolicies", "marker", "policies", "nextMarker", kLabel},
                     Json::object(), [](const Json &p) {
                       return Value::object({{"Id", Value(p.value("policyName", "")), {}}});
                     });
  case Kind::Certificate:
    return list_page(backend_, request,
                     {kService, "ListCertificates", "marker", "certificates", "nextMarker", kLabel},
                     Json::object(), [](const Json &c) {
                       return Value::object({{"Id", Value(c.value("certificateId", "")), {}}});
                     });
  case Kind::TopicRule:
    return list_page(backend_, request,
                     {kService, "ListTopicRules", "nextToken", "rules", "nextToken", kLabel},
                     Json::object(), [](const Json &r) {
                       return Value::object({{"RuleName", Value(r.value("ruleName", "")), {}}});
                     });
  default:
    // Attachments have no list operation of their own.
    return ProgressEvent::failure(
        HandlerErrorCode::InvalidRequest,
        fmt::format("{} has no list handler: IoT lists attachments per policy or thing only",
                    request.type_name));
  }
}

} // namespace cfnlocal::providers
