#include "transforms/sam/function_parts.h"

#include <algorithm>

namespace cfnlocal::transforms::sam {

namespace {

/// FunctionUrlConfig: the AWS::Lambda::Url and, for AuthType NONE, the public permissions.
void add_function_url(Context &ctx, const std::string &id, const Json &config,
                      FunctionTarget &target) {
  if (!config.is_object())
    throw InvalidResource{id, "Property 'FunctionUrlConfig' should be a map."};
  if (!config.contains("AuthType"))
    throw InvalidResource{
        id, "AuthType is required to configure function property `FunctionUrlConfig`. Please "
            "provide either AWS_IAM or NONE."};
  Json url = Json{{"TargetFunctionArn", target.ref}, {"AuthType", config["AuthType"]}};
  if (config.contains("Cors")) {
    const Json &cors = config["Cors"];
    if (!cors.is_object() && !is_intrinsic(cors))
      throw InvalidResource{id, "Property 'FunctionUrlConfig.Cors' should be a map."};
    if (cors.is_object())
      for (auto it = cors.begin(); it != cors.end(); ++it) {
        static const std::vector<std::string> keys = {"AllowCredentials", "AllowHeaders",
                                                      "AllowMethods",     "AllowOrigins",
                                                      "ExposeHeaders",    "MaxAge"};
        if (std::find(keys.begin(), keys.end(), it.key()) == keys.end())
          throw InvalidResource{id, it.key() + " is not a valid property for configuring Cors."};
      }
    url["Cors"] = cors;
  }
  if (config.contains("InvokeMode"))
    url["InvokeMode"] = config["InvokeMode"];
  Json r = Json{{"Type", "AWS::Lambda::Url"}, {"Properties", url}};
  apply_passthrough(r, target.attributes);
  ctx.add(id + "Url", r);
  if (config["AuthType"] == "NONE") {
    Json p1 = Json{{"Type", "AWS::Lambda::Permission"},
                   {"Properties", Json{{"Action", "lambda:InvokeFunctionUrl"},
                                       {"FunctionName", target.ref},
                                       {"FunctionUrlAuthType", "NONE"},
                                       {"Principal", "*"}}}};
    apply_passthrough(p1, target.attributes);
    ctx.add(id + "UrlPublicPermissions", p1);
    Json p2 = Json{{"Type", "AWS::Lambda::Permission"},
                   {"Properties", Json{{"Action", "lambda:InvokeFunction"},
                                       {"FunctionName", target.ref},
                                       {"InvokedViaFunctionUrl", true},
                                       {"Principal", "*"}}}};
    apply_passthrough(p2, target.attributes);
    ctx.add(id + "URLInvokeAllowPublicAccess", p2);
  }
}

/// EventInvokeConfig: asynchronous invocation settings and destinations (queues and topics SAM
/// creates when no Destination is given), with the role permissions to reach them.
void add_event_invoke_config(Context &ctx, const std::string &id, const Json &config,
                             const Json &props, FunctionTarget &target) {
  if (!config.is_object())
    throw InvalidResource{id, "Property 'EventInvokeConfig' should be a map."};
  std::string cfg_id = id + "EventInvokeConfig";
  Json out = Json::object();
  bool alias = has(props, "AutoPublishAlias");
  std::string alias_name;
  if (alias) {
    Json a = resolve_parameter_refs(props["AutoPublishAlias"], ctx.params);
    alias_name = a.is_string() ? a.get<std::string>() : "";
  }
  out["FunctionName"] = make_ref(id);
  out["Qualifier"] = alias ? Json(alias_name) : Json("$LATEST");
  for (const char *k : {"MaximumEventAgeInSeconds", "MaximumRetryAttempts"})
    if (has(config, k))
      out[k] = config[k];
  const Json &dest = get(config, "DestinationConfig");
  if (dest.is_object()) {
    Json dc = Json::object();
    for (const char *which : {"OnSuccess", "OnFailure"}) {
      const Json &d = get(dest, which);
      if (d.is_null())
        continue;
      if (!d.is_object())
        throw InvalidResource{id, std::string("Property 'DestinationConfig.") + which +
                                      "' should be a map."};
      Json type = get(d, "Type");
      std::string t = type.is_string() ? type.get<std::string>() : "";
      static const std::vector<std::string> types = {"SQS", "SNS", "EventBridge", "Lambda",
                                                     "S3Bucket"};
      if (std::find(types.begin(), types.end(), t) == types.end())
        throw InvalidResource{
            id,
            "'Type: " + t + "' must be one of ['SQS', 'SNS', 'EventBridge', 'Lambda', 'S3Bucket']"};
      Json destination = resolve_parameter_refs(get(d, "Destination"), ctx.params);
      if (destination.is_null()) {
        if (t == "SQS") {
          std::string q = cfg_id + which + "Queue";
          Json r = Json{{"Type", "AWS::SQS::Queue"}, {"Properties", Json::object()}};
          apply_passthrough(r, target.attributes);
          ctx.add(q, r);
          destination = make_getatt(q, "Arn");
        } else if (t == "SNS") {
          std::string topic = cfg_id + which + "Topic";
          Json r = Json{{"Type", "AWS::SNS::Topic"}, {"Properties", Json::object()}};
          apply_passthrough(r, target.attributes);
          ctx.add(topic, r);
          destination = make_ref(topic);
        } else {
          throw InvalidResource{id, "Destination is required if Type is not ['SQS', 'SNS']"};
        }
      }
      dc[which] = Json{{"Destination", destination}};
      if (target.role) {
        Json action;
        if (t == "SQS")
          action = "sqs:SendMessage";
        else if (t == "SNS")
          action = "sns:publish";
        else if (t == "Lambda")
          action = "lambda:InvokeFunction";
        else if (t == "EventBridge")
          action = "events:PutEvents";
        else
          action = "s3:PutObject";
        Json resource = destination;
        if (t == "S3Bucket")
          resource = Json{{"Fn::Join", Json::array({"", Json::array({destination, "/*"})})}};
        target.role->policies.push_back(Json{
            {"PolicyName", cfg_id + which + t + "Policy"},
            {"PolicyDocument", Json{{"Statement", Json::array({Json{{"Action", action},
                                                                    {"Effect", "Allow"},
                                                                    {"Resource", resource}}})}}}});
      }
    }
    out["DestinationConfig"] = dc;
  }
  Json r = Json{{"Type", "AWS::Lambda::EventInvokeConfig"}, {"Properties", out}};
  if (alias)
    r["DependsOn"] = Json::array({is_ref(target.ref) ? target.ref["Ref"] : Json(id)});
  apply_passthrough(r, target.attributes);
  ctx.add(cfg_id, r);
}

} // namespace

void add_function_extras(Context &ctx, const std::string &id, const Json &resource,
                         const Json &props, FunctionTarget &target) {
  if (has(props, "EventInvokeConfig"))
    add_event_invoke_config(ctx, id, props["EventInvokeConfig"], props, target);
  if (has(props, "FunctionUrlConfig"))
    add_function_url(ctx, id, props["FunctionUrlConfig"], target);
}

} // namespace cfnlocal::transforms::sam
