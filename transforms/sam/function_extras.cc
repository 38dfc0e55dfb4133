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

} // namespace

void add_function_extras(Context &ctx, const std::string &id, const Json &resource,
                         const Json &props, FunctionTarget &target) {
  if (has(props, "FunctionUrlConfig"))
    add_function_url(ctx, id, props["FunctionUrlConfig"], target);
}

} // namespace cfnlocal::transforms::sam
