#include "transforms/sam/connector_ends.h"

namespace cfnlocal::transforms::sam {

std::string connector_cfn_type(const std::string &type) {
  static const std::map<std::string, std::string> m = {
      {"AWS::Serverless::Function", "AWS::Lambda::Function"},
      {"AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine"},
      {"AWS::Serverless::SimpleTable", "AWS::DynamoDB::Table"},
      {"AWS::Serverless::Api", "AWS::ApiGateway::RestApi"},
      {"AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api"},
  };
  auto it = m.find(type);
  return it == m.end() ? type : it->second;
}

bool references(const Json &v, const std::string &id) {
  if (id.empty() || !v.is_object() || v.size() != 1)
    return false;
  if (v.contains("Ref"))
    return v["Ref"] == id;
  if (v.contains("Fn::GetAtt")) {
    const Json &a = v["Fn::GetAtt"];
    if (a.is_array() && !a.empty())
      return a[0] == id;
    if (a.is_string())
      return a.get<std::string>().rfind(id + ".", 0) == 0;
  }
  return false;
}

namespace {

/// The role name behind a role ARN value: Fn::GetAtt Role.Arn -> Ref Role; a Ref stays.
Json role_name_of(const Json &arn) {
  if (!arn.is_object() || arn.size() != 1)
    return nullptr;
  if (arn.contains("Ref"))
    return arn;
  if (arn.contains("Fn::GetAtt")) {
    const Json &a = arn["Fn::GetAtt"];
    if (a.is_array() && a.size() == 2 && a[0].is_string() && a[1] == "Arn")
      return make_ref(a[0].get<std::string>());
    if (a.is_string()) {
      std::string s = a.get<std::string>();
      if (s.size() > 4 && s.compare(s.size() - 4, 4, ".Arn") == 0)
        return make_ref(s.substr(0, s.size() - 4));
    }
  }
  return nullptr;
}

/// Properties of a resource of the template, by its CloudFormation type.
void id_properties(ConnectorEnd &end, const Json &resource, const ConnectorEnd *destination) {
  const std::string &t = end.type;
  const std::string &id = end.id;
  const Json &props = get(resource, "Properties");
  auto set = [&](const char *k, Json v) {
    if (!v.is_null())
      end.props[k] = std::move(v);
  };
  if (t == "AWS::Lambda::Function") {
    set("Arn", make_getatt(id, "Arn"));
    set("Name", make_ref(id));
    set("RoleName", role_name_of(get(props, "Role")));
  } else if (t == "AWS::StepFunctions::StateMachine") {
    set("Arn", make_ref(id));
    set("Name", make_getatt(id, "Name"));
    set("RoleName", role_name_of(get(props, "RoleArn")));
  } else if (t == "AWS::SQS::Queue") {
    set("Arn", make_getatt(id, "Arn"));
    set("QueueUrl", make_ref(id));
    set("Name", make_getatt(id, "QueueName"));
  } else if (t == "AWS::SNS::Topic") {
    set("Arn", make_ref(id));
    set("Name", make_getatt(id, "TopicName"));
  } else if (t == "AWS::ApiGateway::RestApi" || t == "AWS::ApiGatewayV2::Api") {
    set("ResourceId", make_ref(id));
  } else if (t == "AWS::AppSync::DataSource") {
    set("Arn", make_getatt(id, "DataSourceArn"));
    set("Name", make_getatt(id, "Name"));
    set("RoleName", role_name_of(get(props, "ServiceRoleArn")));
  } else if (t == "AWS::AppSync::GraphQLApi") {
    set("Arn", make_getatt(id, "Arn"));
    set("ResourceId", make_getatt(id, "ApiId"));
  } else if (t == "AWS::Events::Rule") {
    set("Arn", make_getatt(id, "Arn"));
    set("Name", make_ref(id));
    // The rule's role is the one of its target for the destination.
    const Json &targets = get(props, "Targets");
    if (destination && destination->props.count("Arn") && targets.is_array())
      for (const auto &target : targets)
        if (get(target, "Arn") == destination->props.at("Arn") ||
            references(get(target, "Arn"), destination->id)) {
          set("RoleName", role_name_of(get(target, "RoleArn")));
          break;
        }
  } else {
    // Tables, buckets, event buses, place indexes and the like.
    set("Arn", make_getatt(id, "Arn"));
    set("Name", make_ref(id));
  }
}

} // namespace

ConnectorEnd resolve_connector_end(const Context &ctx, const std::string &connector_id,
                                   const Json &ref, const std::string &side,
                                   const ConnectorEnd *destination) {
  auto fail = [&](const std::string &m) { throw InvalidResource{connector_id, m}; };
  if (!ref.is_object())
    fail("Property '" + side + "' should be a map.");
  ConnectorEnd end;
  if (ref.contains("Id")) {
    for (auto it = ref.begin(); it != ref.end(); ++it)
      if (it.key() != "Id" && it.key() != "Qualifier")
        fail("Must provide 'Id' (with optional 'Qualifier') or a supported combination of other "
             "properties.");
    if (!ref["Id"].is_string())
      fail("'Id' is missing or not a string.");
    end.id = ref["Id"].get<std::string>();
    const Json *input = ctx.resource(end.id);
    if (!input)
      fail("Unable to find resource with logical ID '" + end.id + "'.");
    const Json &declared = get(*input, "Type");
    if (!declared.is_string())
      fail("'Type' is missing or not a string.");
    end.declared_type = declared.get<std::string>();
    // SAM resources are read from what they generated under the same logical ID.
    const Json &generated = ctx.out.contains(end.id) ? ctx.out[end.id] : *input;
    const Json &type = get(generated, "Type");
    end.type = type.is_string() ? type.get<std::string>() : end.declared_type;
    id_properties(end, generated, destination);
    end.props["Qualifier"] = ref.contains("Qualifier") ? ref["Qualifier"] : Json("*");
    return end;
  }
  if (!get(ref, "Type").is_string())
    fail("'Type' is missing or not a string.");
  end.type = connector_cfn_type(ref["Type"].get<std::string>());
  end.declared_type = end.type;
  for (const char *k : {"Arn", "Name", "QueueUrl", "ResourceId", "RoleName", "Qualifier"})
    if (!get(ref, k).is_null())
      end.props[k] = ref[k];
  return end;
}

} // namespace cfnlocal::transforms::sam
