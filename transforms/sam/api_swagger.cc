// Walking a Swagger / OpenAPI document the way the translator's editor does: path items and
// method definitions may be Fn::If choices, methods without an integration are left alone, and
// the API-wide DefaultAuthorizer / ApiKeyRequired reach every integrated method.
#include "transforms/sam/api.h"

#include <set>

namespace cfnlocal::transforms::sam {

namespace {

/// Path item members that are not operations.
bool is_path_item_field(const std::string &key) {
  return key == "parameters" || key == "summary" || key == "description";
}

bool has_security_entry(const Json &security, const std::set<std::string> &names) {
  for (const auto &entry : security)
    if (entry.is_object())
      for (auto it = entry.begin(); it != entry.end(); ++it)
        if (names.count(it.key()))
          return true;
  return false;
}

} // namespace

std::vector<Json *> if_variants(Json &value) {
  std::vector<Json *> out;
  if (!value.is_object())
    return out;
  if (value.size() == 1 && value.contains("Fn::If")) {
    Json &args = value["Fn::If"];
    if (!args.is_array())
      throw InvalidTemplate{"Value of Fn::If must be a list."};
    for (size_t i = 1; i < args.size(); ++i)
      if (args[i].is_object() && !is_ref(args[i]))
        out.push_back(&args[i]);
    return out;
  }
  out.push_back(&value);
  return out;
}

void validate_swagger_paths(Json &body) {
  Json &paths = body["paths"];
  if (!paths.is_object())
    return;
  for (auto it = paths.begin(); it != paths.end(); ++it) {
    if (!it->is_object())
      throw InvalidTemplate{"Value of '" + it.key() +
                            "' path must be a dictionary according to Swagger spec."};
    if_variants(*it);
  }
}

void apply_default_auth(const Json &auth, Json &body, const Json &api_key_opt_outs) {
  if (!auth.is_object())
    return;
  const Json &default_authorizer = get(auth, "DefaultAuthorizer");
  bool api_key = get(auth, "ApiKeyRequired") == true;
  if (!default_authorizer.is_string() && !api_key)
    return;
  const Json &authorizers = get(auth, "Authorizers");
  std::set<std::string> authorizer_names = {"AWS_IAM", "NONE"};
  if (authorizers.is_object())
    for (auto it = authorizers.begin(); it != authorizers.end(); ++it)
      authorizer_names.insert(it.key());
  Json default_entry;
  if (default_authorizer.is_string()) {
    std::string name = default_authorizer.get<std::string>();
    Json scopes = get(get(authorizers, name), "AuthorizationScopes");
    default_entry = Json{{name, scopes.is_array() ? scopes : Json::array()}};
  }
  bool authorizer_on_preflight = get(auth, "AddDefaultAuthorizerToCorsPreflight") != false;
  bool api_key_on_preflight = get(auth, "AddApiKeyRequiredToCorsPreflight") != false;
  Json &paths = body["paths"];
  if (!paths.is_object())
    return;
  for (auto p = paths.begin(); p != paths.end(); ++p) {
    if (!p->is_object())
      throw InvalidTemplate{"Value of '" + p.key() +
                            "' path must be a dictionary according to Swagger spec."};
    for (Json *item : if_variants(*p)) {
      for (auto m = item->begin(); m != item->end(); ++m) {
        if (is_path_item_field(m.key()))
          continue;
        if (!m->is_object())
          throw InvalidTemplate{"Definition of method '" + m.key() + "' for path '" + p.key() +
                                "' should be a map."};
        bool preflight = m.key() == "options";
        bool opted_out = false;
        if (api_key_opt_outs.is_array())
          for (const auto &o : api_key_opt_outs)
            if (o == Json::array({p.key(), m.key()}))
              opted_out = true;
        for (Json *op : if_variants(*m)) {
          if (!op->contains("x-amazon-apigateway-integration"))
            continue;
          if (op->contains("security") && !(*op)["security"].is_array())
            throw InvalidTemplate{"Type of security for path " + p.key() + " method " + m.key() +
                                  " must be a list"};
          Json security = op->contains("security") ? (*op)["security"] : Json::array();
          for (const auto &entry : security)
            if (!entry.is_object())
              throw InvalidTemplate{
                  (entry.is_string() ? entry.get<std::string>() : python_repr(entry)) +
                  " in Security for path " + p.key() + " method " + m.key() +
                  " is not a valid dictionary."};
          bool changed = false;
          if (!default_entry.is_null() && (!preflight || authorizer_on_preflight) &&
              !has_security_entry(security, authorizer_names)) {
            security.push_back(default_entry);
            changed = true;
          }
          if (opted_out) {
            // The translator drops an explicit NONE together with the api key.
            Json kept = Json::array();
            for (auto &entry : security)
              if (!entry.contains("NONE"))
                kept.push_back(entry);
            // The method's security is written even when nothing is left of it.
            changed = true;
            security = kept;
          } else if (api_key && (!preflight || api_key_on_preflight) &&
                     !has_security_entry(security, {"api_key"})) {
            security.push_back(Json{{"api_key", Json::array()}});
            changed = true;
          }
          if (changed)
            (*op)["security"] = security;
        }
      }
    }
  }
}

} // namespace cfnlocal::transforms::sam
