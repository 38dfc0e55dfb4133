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
    if (cors.is_object() && has(cors, "MaxAge") && !cors["MaxAge"].is_number_integer() &&
        !cors["MaxAge"].is_number_unsigned() && !is_intrinsic(cors["MaxAge"]))
      throw InvalidResource{id, "MaxAge must be of type int."};
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

bool is_no_value(const Json &v) { return is_ref(v) && v["Ref"] == "AWS::NoValue"; }

/// Adds a template condition (unless present) and returns its name.
std::string add_condition(Context &ctx, const std::string &name, Json definition) {
  Json &conditions = ctx.tmpl["Conditions"];
  if (!conditions.is_object())
    conditions = Json::object();
  if (!conditions.contains(name))
    conditions[name] = std::move(definition);
  return name;
}

/// A destination queue or topic SAM creates for an EventInvokeConfig destination. With a
/// Destination of `Fn::If [C, X, AWS::NoValue]` (or the reverse) the resource exists only in the
/// branch without a destination, under a condition made for it; returns the Destination value.
Json created_destination(Context &ctx, const std::string &function_id, const std::string &cfg_id,
                         const std::string &which, const std::string &type, const Json &destination,
                         const FunctionTarget &target) {
  Json condition, other;
  if (!destination.is_null()) {
    const Json &args = destination["Fn::If"];
    bool yes = is_no_value(args[1]), no = is_no_value(args[2]);
    if (yes == no)
      return destination;
    if (yes) {
      condition = args[0];
      other = args[2];
    } else {
      std::string cond = args[0].is_string() ? args[0].get<std::string>() : "";
      condition = add_condition(ctx, "NOT" + cond + logical_id_hash(cfg_id),
                                Json{{"Fn::Not", Json::array({Json{{"Condition", cond}}})}});
      other = args[1];
    }
  }
  std::string id = cfg_id + which + (type == "SQS" ? "Queue" : "Topic");
  Json r = Json{{"Type", type == "SQS" ? "AWS::SQS::Queue" : "AWS::SNS::Topic"},
                {"Properties", Json::object()}};
  apply_passthrough(r, target.attributes);
  if (condition.is_string()) {
    Json function_condition = get(target.attributes, "Condition");
    if (function_condition.is_string()) {
      // The translator nests each operand in a second {"Condition": ...}; kept as it writes it.
      std::string both = function_condition.get<std::string>() + "AND" +
                         condition.get<std::string>() + logical_id_hash(function_id);
      add_condition(ctx, both,
                    Json{{"Fn::And",
                          Json::array({Json{{"Condition", Json{{"Condition", function_condition}}}},
                                       Json{{"Condition", Json{{"Condition", condition}}}}})}});
      r["Condition"] = both;
    } else {
      r["Condition"] = condition;
    }
  }
  ctx.add(id, r);
  ctx.renamed[function_id + (type == "SQS" ? ".DestinationQueue" : ".DestinationTopic")] = id;
  Json created = type == "SQS" ? make_getatt(id, "Arn") : make_ref(id);
  if (condition.is_null())
    return created;
  return Json{{"Fn::If", Json::array({condition, created, other})}};
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
  if (!dest.is_null() && !dest.is_object())
    throw InvalidResource{id, "Property 'EventInvokeConfig.DestinationConfig' should be a map."};
  if (dest.is_object()) {
    Json dc = Json::object();
    for (const char *which : {"OnSuccess", "OnFailure"}) {
      const Json &d = get(dest, which);
      if (d.is_null())
        continue;
      if (!d.is_object())
        throw InvalidResource{id, std::string("Property 'EventInvokeConfig.DestinationConfig.") +
                                      which + "' should be a map."};
      Json type = get(d, "Type");
      std::string t = type.is_string() ? type.get<std::string>() : "";
      static const std::vector<std::string> types = {"SQS", "SNS", "EventBridge", "Lambda",
                                                     "S3Bucket"};
      if (std::find(types.begin(), types.end(), t) == types.end())
        throw InvalidResource{
            id, "'Type: " + (type.is_string() ? t : python_repr(type)) +
                    "' must be one of ['SQS', 'SNS', 'EventBridge', 'Lambda', 'S3Bucket']"};
      Json destination = resolve_parameter_refs(get(d, "Destination"), ctx.params);
      bool conditional = is_intrinsic(destination) && destination.contains("Fn::If");
      if (conditional && (!destination["Fn::If"].is_array() || destination["Fn::If"].size() != 3))
        throw InvalidResource{cfg_id,
                              "Malformed 'Destination' property: Fn::If requires 3 arguments."};
      if (t == "SQS" || t == "SNS") {
        if (destination.is_null() || conditional)
          destination = created_destination(ctx, id, cfg_id, which, t, destination, target);
      } else if (destination.is_null()) {
        throw InvalidResource{id, "Destination is required if Type is not ['SQS', 'SNS']"};
      }
      dc[which] = Json{{"Destination", destination}};
      if (!target.role)
        continue;
      Json statements;
      std::string policy_type = t;
      if (t == "S3Bucket") {
        // Lambda writes the invocation record as an object and checks the bucket first.
        policy_type = "S3";
        statements = Json::array(
            {Json{{"Action", "s3:PutObject"},
                  {"Effect", "Allow"},
                  {"Resource",
                   Json{{"Fn::Join", Json::array({"/", Json::array({destination, "*"})})}}}},
             Json{{"Action", "s3:ListBucket"}, {"Effect", "Allow"}, {"Resource", destination}}});
      } else {
        const char *action = t == "SQS"      ? "sqs:SendMessage"
                             : t == "SNS"    ? "sns:publish"
                             : t == "Lambda" ? "lambda:InvokeFunction"
                                             : "events:PutEvents";
        statements =
            Json::array({Json{{"Action", action}, {"Effect", "Allow"}, {"Resource", destination}}});
      }
      target.role->policies.push_back(Json{{"PolicyName", cfg_id + which + policy_type + "Policy"},
                                           {"PolicyDocument", Json{{"Statement", statements}}}});
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
