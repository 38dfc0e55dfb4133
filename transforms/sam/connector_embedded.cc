#include "transforms/sam/connector.h"

namespace cfnlocal::transforms::sam {

namespace {

/// A connector resource that only reports an error when translated: the expansion runs before
/// the per-resource translation, whose error collection reports every cause of the document.
Json error_connector(const std::string &reported_id, const std::string &message,
                     bool plain = false) {
  Json error = {{"Id", reported_id}, {"Message", message}};
  if (plain)
    error["Plain"] = true;
  return Json{{"Type", "AWS::Serverless::Connector"}, {"Properties", {{"__EmbeddedError", error}}}};
}

} // namespace

void expand_embedded_connectors(Context &ctx) {
  Json &resources = ctx.resources();
  std::vector<std::pair<std::string, Json>> added;
  int errors = 0;
  auto add_error = [&](const std::string &reported_id, const std::string &message,
                       bool plain = false) {
    added.emplace_back("EmbeddedConnectorError" + std::to_string(errors++),
                       error_connector(reported_id, message, plain));
  };
  for (auto it = resources.begin(); it != resources.end(); ++it) {
    if (!it->is_object() || !it->contains("Connectors"))
      continue;
    const std::string source_id = it.key();
    const Json connectors = (*it)["Connectors"];
    it->erase("Connectors");
    if (!connectors.is_object()) {
      add_error(source_id, "Attribute '" + source_id + ".Connectors' should be a map.");
      continue;
    }
    for (auto c = connectors.begin(); c != connectors.end(); ++c) {
      const std::string name = c.key();
      const std::string connector_id = source_id + name;
      const Json &connector = c.value();
      if (!connector.is_object()) {
        add_error(connector_id, source_id + "." + connector_id + " should be a map.");
        continue;
      }
      const Json &props = get(connector, "Properties");
      if (!props.is_object()) {
        add_error(source_id, "Attribute 'Connectors." + name + ".Properties' should be a map.");
        continue;
      }
      Json source = {{"Id", source_id}};
      if (props.contains("SourceReference")) {
        const Json &reference = props["SourceReference"];
        if (!reference.is_object()) {
          add_error(source_id, "Property 'Connectors." + name +
                                   ".Properties.SourceReference' should be a map.");
          continue;
        }
        if (reference.contains("Id")) {
          add_error(name, "'Id' shouldn't be defined in 'SourceReference'.");
          continue;
        }
        for (auto r = reference.begin(); r != reference.end(); ++r)
          source[r.key()] = r.value();
      }
      if (resources.contains(connector_id) || ctx.resource(connector_id)) {
        add_error(source_id,
                  "Transforming resource with id [" + source_id +
                      "] attempts to create a new resource with id [" + connector_id +
                      "] and type \"AWS::Serverless::Connector\". A resource with that id already "
                      "exists within this template. Please use a different id for that resource.",
                  true);
        continue;
      }
      Json generated = {{"Type", "AWS::Serverless::Connector"}};
      for (const char *attribute :
           {"Condition", "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "DependsOn"})
        if (connector.contains(attribute))
          generated[attribute] = connector[attribute];
      Json properties = props;
      properties.erase("SourceReference");
      Json ordered = {{"Source", source}};
      for (auto p = properties.begin(); p != properties.end(); ++p)
        ordered[p.key()] = p.value();
      generated["Properties"] = ordered;
      added.emplace_back(connector_id, std::move(generated));
    }
  }
  for (auto &[id, resource] : added)
    resources[id] = std::move(resource);
}

} // namespace cfnlocal::transforms::sam
