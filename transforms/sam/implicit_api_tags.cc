// PropagateTags of a function or state machine reaches the implicit API its events created: the
// API is part of what the resource generated, so it carries the resource's tags too.

#include "transforms/sam/events.h"

namespace cfnlocal::transforms::sam {

void add_implicit_api_tags(Context &ctx) {
  Json &resources = ctx.resources();
  for (const auto &[api_id, users] : ctx.implicit_api_users) {
    if (!resources.contains(api_id))
      continue;
    Json tags = Json::object();
    bool propagate = false;
    for (const auto &user : users) {
      const Json &props = get(get(resources, user), "Properties");
      if (get(props, "PropagateTags") != true)
        continue;
      propagate = true;
      const Json &user_tags = get(props, "Tags");
      if (user_tags.is_object())
        tags.update(user_tags);
    }
    if (!propagate)
      continue;
    Json &api_props = resources[api_id]["Properties"];
    if (!tags.empty()) {
      // On top of the API's own (Globals) tags, as a resource's tags override the global ones.
      Json &api_tags = api_props["Tags"];
      if (!api_tags.is_object())
        api_tags = Json::object();
      api_tags.update(tags);
    }
    api_props["PropagateTags"] = true;
  }
}

} // namespace cfnlocal::transforms::sam
