#include "transforms/sam/api.h"
#include "transforms/sam/state_machine_events.h"

namespace cfnlocal::transforms::sam {

namespace {

Json if_condition(const Json &condition, Json value) {
  return Json{{"Fn::If", Json::array({condition, std::move(value), make_ref("AWS::NoValue")})}};
}

/// The body API Gateway sends to StartExecution: the request as the execution input.
/// UnescapeMappingTemplate undoes escapeJavaScript's escaping of single quotes.
Json request_template(const StateMachineTarget &t, bool unescape) {
  std::string arn_name = is_ref(t.arn) ? t.arn["Ref"].get<std::string>() : t.id;
  std::string input = "$util.escapeJavaScript($input.json('$'))";
  if (unescape)
    input += ".replaceAll(\"\\\\'\",\"'\")";
  return make_sub("{\"input\": \"" + input + "\", \"stateMachineArn\": \"${" + arn_name + "}\"}");
}

} // namespace

void translate_state_machine_api_event(Context &ctx, const StateMachineTarget &t,
                                       const std::string &short_id, const Json &props) {
  const std::string logical_id = t.id + short_id;
  const Json &path = get(props, "Path");
  const Json &method = get(props, "Method");
  if (path.is_null())
    throw InvalidEvent{short_id, "Missing required property 'Path'."};
  if (method.is_null())
    throw InvalidEvent{short_id, "Missing required property 'Method'."};
  if (!path.is_string())
    throw InvalidEvent{short_id, "Property 'Path' should be a string."};
  if (!method.is_string())
    throw InvalidEvent{short_id, "Property 'Method' should be a string."};
  const Json &unescape = get(props, "UnescapeMappingTemplate");
  if (!unescape.is_null() && !unescape.is_boolean())
    throw InvalidResource{logical_id, "Type of property 'UnescapeMappingTemplate' is invalid."};

  // The role API Gateway assumes to start executions.
  std::string role_id = logical_id + "Role";
  Json role_props = Json{
      {"AssumeRolePolicyDocument", assume_role_policy_for("apigateway.amazonaws.com")},
      {"Policies",
       Json::array({Json{{"PolicyName", role_id + "StartExecutionPolicy"},
                         {"PolicyDocument",
                          Json{{"Statement", Json::array({Json{{"Action", "states:StartExecution"},
                                                               {"Effect", "Allow"},
                                                               {"Resource", t.arn}}})}}}}})}};
  if (!t.boundary.is_null())
    role_props["PermissionsBoundary"] = t.boundary;
  if (t.tags.is_array() && !t.tags.empty())
    role_props["Tags"] = t.tags;
  Json role = Json{{"Type", "AWS::IAM::Role"}, {"Properties", role_props}};
  apply_passthrough(role, t.attributes);
  ctx.add(role_id, role);

  const Json &api = get(props, "RestApiId");
  std::string api_id;
  if (is_ref(api) && api["Ref"].is_string())
    api_id = api["Ref"].get<std::string>();
  else if (api.is_string())
    api_id = api.get<std::string>();
  const Json *api_resource = api_id.empty() ? nullptr : ctx.resource(api_id);
  if (!api_resource || get(*api_resource, "Type") != "AWS::Serverless::Api")
    throw InvalidEvent{short_id, "RestApiId must be a valid reference to an "
                                 "'AWS::Serverless::Api' resource in same template."};
  Json &api_props = ctx.resources()[api_id]["Properties"];
  if (!get(api_props, "__MANAGE_SWAGGER").is_boolean())
    return;

  std::string path_s = path.get<std::string>(), method_s = method.get<std::string>();
  std::string m = swagger_method(method_s);
  const Json &condition = get(t.attributes, "Condition");
  Json uri =
      make_sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution");
  Json integration =
      Json{{"type", "aws"},
           {"uri", condition.is_null() ? uri : if_condition(condition, uri)},
           {"httpMethod", "POST"},
           {"credentials", make_getatt(role_id, "Arn")},
           {"requestTemplates", Json{{"application/json", request_template(t, unescape == true)}}},
           {"responses",
            Json{{"200", Json{{"statusCode", "200"}}}, {"400", Json{{"statusCode", "400"}}}}}};
  Json op = Json{{"x-amazon-apigateway-integration", integration},
                 {"responses", Json{{"200", Json{{"description", "OK"}}},
                                    {"400", Json{{"description", "Bad Request"}}}}}};

  // Authorizers read only the event's properties; the target is not a function.
  FunctionTarget none;
  none.id = t.id;
  none.attributes = t.attributes;
  EventContext ev{ctx, none, short_id, logical_id, props, props};
  apply_method_auth(ctx, ev, api_id, api_props, path_s, m, op);

  // The event's ResourcePolicy: the translator scopes it to no stage ("__Stage__": null) here.
  const Json &resource_policy = get(get(props, "Auth"), "ResourcePolicy");

  Json &paths = api_props["DefinitionBody"]["paths"];
  {
    const Json &existing = get(paths, path_s);
    if (existing.is_object() && existing.contains(m))
      throw InvalidEvent{short_id, "API method \"" + method_s +
                                       "\" defined multiple times for path \"" + path_s + "\"."};
  }
  if (condition.is_null()) {
    Json &item = paths[path_s];
    if (!item.is_object())
      item = Json::object();
    item[m] = op;
    add_resource_policy(ctx, resource_policy, api_props["DefinitionBody"], &path_s, &m, Json(),
                        true);
    return;
  }
  // A conditional state machine leaves no trace in the API when its condition is false.
  Json &item = paths[path_s];
  if (!item.is_object())
    item = if_condition(condition, Json::object());
  Json *methods = &item;
  if (item.contains("Fn::If") && item["Fn::If"].is_array() && item["Fn::If"].size() == 3)
    methods = &item["Fn::If"][1];
  (*methods)[m] = if_condition(condition, op);
  add_resource_policy(ctx, resource_policy, api_props["DefinitionBody"], &path_s, &m, Json(), true);
}

} // namespace cfnlocal::transforms::sam
