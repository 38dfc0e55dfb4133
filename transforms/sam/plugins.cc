#include "transforms/sam/plugins.h"
#include "transforms/sam/events.h"

#include <set>

namespace cfnlocal::transforms::sam {

namespace {

using Translate = void (*)(Context &, const std::string &, const Json &);

const std::map<std::string, Translate> &translators() {
  static const std::map<std::string, Translate> table = {
      {"AWS::Serverless::Function", translate_function},
      {"AWS::Serverless::Api", translate_api},
  };
  return table;
}

} // namespace

bool is_sam_type(const std::string &type) { return translators().count(type) > 0; }

void translate_resource(Context &ctx, const std::string &id, const std::string &type,
                        const Json &resource) {
  const Json &props = get(resource, "Properties");
  if (resource.contains("Properties") && !props.is_object() && !props.is_null())
    throw InvalidResource{id, "Attribute 'Properties' should be a map."};
  translators().at(type)(ctx, id, resource);
}

void run_before_plugins(Context &ctx) {
  const Json &resources = get(ctx.tmpl, "Resources");
  if (!resources.is_object() || resources.empty())
    throw InvalidTemplate{"'Resources' section is required"};
  for (auto it = resources.begin(); it != resources.end(); ++it)
    if (!it->is_object())
      throw InvalidTemplate{"All 'Resources' must be Objects. If you're using YAML, this may be an "
                            "indentation issue."};
  for (const char *section : {"Mappings", "Parameters"})
    if (ctx.tmpl.contains(section) && !ctx.tmpl[section].is_object())
      throw InvalidTemplate{"'Mappings' or 'Parameters' is either null or not a valid dictionary."};
  add_implicit_apis(ctx);
  apply_globals(ctx);
}

void run_after_plugins(Context &ctx) {}

} // namespace cfnlocal::transforms::sam
