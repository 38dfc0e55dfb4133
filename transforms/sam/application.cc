// AWS::Serverless::Application: a nested application as an AWS::CloudFormation::Stack. A
// `Location` URL (or packaged local path) is the nested template itself; an
// ApplicationId/SemanticVersion location names an application of the AWS Serverless Application
// Repository, whose template URL only the repository can give: cfnlocal does not reach it, so such
// an application is reported as not accessible, after the checks the translator makes first.

#include "transforms/sam/context.h"
#include "transforms/sam/function_parts.h"

namespace cfnlocal::transforms::sam {

namespace {

/// Python's str() of a value, as the translator formats values into messages.
std::string python_str(const Json &v) {
  return v.is_string() ? v.get<std::string>() : python_repr(v);
}

/// Resolves Ref to a parameter and Fn::FindInMap over the template's mappings (the intrinsics the
/// translator resolves in a location); what does not resolve is returned as it is. Throws
/// InvalidTemplate for a FindInMap that is not three values or reads a mapping that is not two
/// levels deep.
Json resolve_location_value(const Context &ctx, const Json &v) {
  if (!v.is_object() || v.size() != 1)
    return v;
  if (v.contains("Ref"))
    return resolve_parameter_refs(v, ctx.params);
  if (!v.contains("Fn::FindInMap"))
    return v;
  Json args = v["Fn::FindInMap"];
  if (args.is_array())
    for (auto &a : args)
      a = resolve_location_value(ctx, a);
  if (!args.is_array() || args.size() != 3)
    throw InvalidTemplate{"Invalid FindInMap value " + python_str(args) +
                          ". FindInMap expects an array with 3 values."};
  if (!args[0].is_string() || !args[1].is_string() || !args[2].is_string())
    return v;
  const std::string name = args[0].get<std::string>();
  const Json &mapping = get(get(ctx.tmpl, "Mappings"), name);
  if (!has(mapping, args[1].get<std::string>()))
    return v;
  const Json &second_level = mapping[args[1].get<std::string>()];
  if (!second_level.is_object())
    throw InvalidTemplate{"Cannot use Fn::FindInMap on Mapping '" + name +
                          "' which is not a a two-level map."};
  const Json &value = get(second_level, args[2].get<std::string>());
  return value.is_null() ? v : value;
}

Json application_stack(const Json &in, const Json &template_url, const Json &tags) {
  Json props = Json::object();
  for (const char *k : {"NotificationARNs", "Parameters"})
    if (has(in, k))
      props[k] = in[k];
  props["Tags"] = tags;
  props["TemplateURL"] = template_url;
  if (has(in, "TimeoutInMinutes"))
    props["TimeoutInMinutes"] = in["TimeoutInMinutes"];
  return Json{{"Type", "AWS::CloudFormation::Stack"}, {"Properties", props}};
}

} // namespace

void translate_application(Context &ctx, const std::string &id, const Json &resource) {
  const Json &in = get(resource, "Properties");
  auto fail = [&](const std::string &m) { throw InvalidResource{id, m}; };
  const Json &location = get(in, "Location");
  if (location.is_null())
    fail("Resource is missing the required [Location] property.");
  // SAM's own tag first, then the user's (which may not reuse SAM's key).
  const Json tags = sam_tags(id, get(in, "Tags"), true);
  if (!location.is_object()) {
    // A template URL (a local path once packaged by `sam package`).
    Json stack = application_stack(in, location, tags);
    apply_passthrough(stack, passthrough_attributes(resource));
    if (has(resource, "DependsOn"))
      stack["DependsOn"] = resource["DependsOn"];
    ctx.add(id, std::move(stack));
    return;
  }
  for (const char *k : {"ApplicationId", "SemanticVersion"})
    if (!location.contains(k))
      fail(std::string("Resource is missing the required [") + k + "] property.");
  for (const char *k : {"ApplicationId", "SemanticVersion"}) {
    const Json &v = location[k];
    if (v.is_null())
      fail(std::string("Property '") + k +
           (std::string_view(k) == "SemanticVersion" ? "' cannot be blank." : "' is required."));
    if (v.is_object() && !(v.size() == 1 && (v.contains("Ref") || v.contains("Fn::FindInMap"))))
      fail(std::string("Property '") + k +
           "' cannot be resolved. Only FindInMap and Ref intrinsic functions are supported.");
  }
  Json application_id = resolve_location_value(ctx, location["ApplicationId"]);
  Json version = resolve_location_value(ctx, location["SemanticVersion"]);
  for (const auto &[k, v] :
       {std::pair{"ApplicationId", &application_id}, std::pair{"SemanticVersion", &version}})
    if (v->is_object())
      fail(std::string("Property '") + k +
           "' cannot be resolved. Only FindInMap and Ref intrinsic functions are supported.");
  if (application_id.is_string() &&
      application_id.get<std::string>().find("{{resolve:") != std::string::npos)
    fail("Serverless Application Repostiory does not support dynamic reference in "
         "'ApplicationId' property.");
  if (!application_id.is_string())
    fail("Property 'Location.ApplicationId' should be a string.");
  if (!version.is_string())
    fail("Property 'Location.SemanticVersion' should be a string.");
  // The nested template URL comes from the Serverless Application Repository
  // (CreateCloudFormationTemplate), which a local translation cannot call.
  fail("Cannot access application: " + application_id.get<std::string>() + ".");
}

} // namespace cfnlocal::transforms::sam
