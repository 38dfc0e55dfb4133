#include "transforms/sam/context.h"
#include "transforms/sam/plugins.h"

#include <algorithm>
#include <utility>

namespace cfnlocal::transforms::sam {

std::string partition_of(const std::string &region) {
  if (region.rfind("cn-", 0) == 0)
    return "aws-cn";
  if (region.rfind("us-gov-", 0) == 0)
    return "aws-us-gov";
  return "aws";
}

const Json *Context::resource(const std::string &id) const {
  const Json &res = get(tmpl, "Resources");
  auto it = res.is_object() ? res.find(id) : res.end();
  if (!res.is_object() || it == res.end() || !it->is_object())
    return nullptr;
  return &*it;
}

std::string Context::type_of(const std::string &id) const {
  const Json *r = resource(id);
  if (!r)
    return "";
  const Json &t = get(*r, "Type");
  return t.is_string() ? t.get<std::string>() : "";
}

namespace {

Json resolve_sub_string(const std::string &s, const Json &params, bool &changed) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = s.find("${", i);
    if (start == std::string::npos) {
      out.append(s, i, std::string::npos);
      break;
    }
    out.append(s, i, start - i);
    if (start + 2 < s.size() && s[start + 2] == '!') { // ${!Literal}
      size_t end = s.find('}', start);
      if (end == std::string::npos) {
        out.append(s, start, std::string::npos);
        break;
      }
      out.append(s, start, end - start + 1);
      i = end + 1;
      continue;
    }
    size_t end = s.find('}', start);
    if (end == std::string::npos) {
      out.append(s, start, std::string::npos);
      break;
    }
    std::string name = s.substr(start + 2, end - start - 2);
    auto it = params.find(name);
    if (it != params.end() && !it->is_string())
      throw InvalidTemplate{"Invalid Fn::Sub variable value " +
                            (it->is_string() ? it->get<std::string>() : python_repr(*it)) +
                            ". Fn::Sub expects all variables to be strings."};
    if (it != params.end()) {
      out += it->get<std::string>();
      changed = true;
    } else {
      out.append(s, start, end - start + 1);
    }
    i = end + 1;
  }
  return out;
}

} // namespace

Json resolve_parameter_refs(const Json &v, const Json &params) {
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto &x : v)
      out.push_back(resolve_parameter_refs(x, params));
    return out;
  }
  if (!v.is_object())
    return v;
  if (v.size() == 1 && v.contains("Ref") && v["Ref"].is_string()) {
    auto it = params.find(v["Ref"].get<std::string>());
    if (it != params.end())
      return *it;
    return v;
  }
  if (v.size() == 1 && v.contains("Fn::Sub")) {
    const Json &arg = v["Fn::Sub"];
    bool changed = false;
    if (arg.is_string())
      return Json{{"Fn::Sub", resolve_sub_string(arg.get<std::string>(), params, changed)}};
    if (arg.is_array() && arg.size() == 2 && arg[0].is_string()) {
      Json out = Json::array({resolve_sub_string(arg[0].get<std::string>(), params, changed),
                              resolve_parameter_refs(arg[1], params)});
      return Json{{"Fn::Sub", out}};
    }
    return v;
  }
  Json out = Json::object();
  for (auto it = v.begin(); it != v.end(); ++it)
    out[it.key()] = resolve_parameter_refs(it.value(), params);
  return out;
}

Json passthrough_attributes(const Json &sam_resource) {
  Json out = Json::object();
  for (const char *k : {"Condition", "DeletionPolicy", "UpdateReplacePolicy"})
    if (has(sam_resource, k))
      out[k] = sam_resource[k];
  return out;
}

void apply_passthrough(Json &generated, const Json &passthrough) {
  for (auto it = passthrough.begin(); it != passthrough.end(); ++it)
    generated[it.key()] = it.value();
}

namespace {

std::string resource_error_text(const InvalidResource &e) {
  return "Resource with id [" + e.logical_id + "] is invalid. " + e.message;
}

struct Cause {
  std::string key;
  std::string text;
};

std::string document_message(std::vector<Cause> causes) {
  std::stable_sort(causes.begin(), causes.end(),
                   [](const Cause &a, const Cause &b) { return a.key < b.key; });
  std::string msg =
      "Invalid Serverless Application Specification document. Number of errors found: " +
      std::to_string(causes.size()) + ".";
  for (auto &c : causes)
    msg += " " + c.text;
  return msg;
}

/// The processing order: functions and state machines first (their events edit APIs), then the
/// other resources, connectors last (they read the generated resources).
int rank_of(const std::string &type) {
  if (type == "AWS::Serverless::Function" || type == "AWS::Serverless::StateMachine")
    return 0;
  if (type == "AWS::Serverless::Connector")
    return 2;
  return 1;
}

} // namespace

Json translate(const Json &sam_template, const SamOptions &options) {
  Context ctx;
  ctx.tmpl = sam_template;
  ctx.region = options.region;
  ctx.partition = partition_of(options.region);
  std::vector<Cause> causes;
  try {
    if (!ctx.tmpl.is_object())
      throw InvalidDocumentCause{
          "Structure of the SAM template is invalid. Template must be a dictionary."};
    // Parameter values: declared defaults, then the given values, then pseudo parameters.
    const Json &parameters = get(ctx.tmpl, "Parameters");
    if (parameters.is_object())
      for (auto it = parameters.begin(); it != parameters.end(); ++it)
        if (it->is_object() && it->contains("Default"))
          ctx.params[it.key()] = (*it)["Default"];
    for (auto &[k, v] : options.parameters)
      ctx.params[k] = v;
    ctx.params["AWS::Region"] = ctx.region;
    ctx.params["AWS::Partition"] = ctx.partition;

    run_before_plugins(ctx);
  } catch (const InvalidDocumentCause &e) {
    throw SamError(document_message({{e.message, e.message}}));
  } catch (const InvalidTemplate &e) {
    std::string t = "Structure of the SAM template is invalid. " + e.message;
    throw SamError(document_message({{t, t}}));
  } catch (const InvalidResource &e) {
    throw SamError(document_message({{e.logical_id, resource_error_text(e)}}));
  } catch (const Json::exception &) {
    std::string t = "Structure of the SAM template is invalid.";
    throw SamError(document_message({{t, t}}));
  }

  Json &resources = ctx.resources();
  std::vector<std::pair<int, std::string>> order;
  int index = 0;
  for (auto it = resources.begin(); it != resources.end(); ++it, ++index)
    order.emplace_back(
        rank_of(get(*it, "Type").is_string() ? (*it)["Type"].get<std::string>() : ""), it.key());
  std::stable_sort(order.begin(), order.end(),
                   [](const auto &a, const auto &b) { return a.first < b.first; });

  // Non-SAM resources keep their document position in the output.
  for (auto it = resources.begin(); it != resources.end(); ++it) {
    const Json &t = get(*it, "Type");
    std::string type = t.is_string() ? t.get<std::string>() : "";
    if (!is_sam_type(type))
      ctx.out[it.key()] = *it;
  }
  for (auto &[rank, id] : order) {
    const Json resource = resources[id];
    const Json &t = get(resource, "Type");
    std::string type = t.is_string() ? t.get<std::string>() : "";
    if (!is_sam_type(type))
      continue;
    try {
      if (!is_alnum_id(id))
        throw InvalidResource{id, "Logical ids must be alphanumeric."};
      translate_resource(ctx, id, type, resource);
    } catch (const InvalidResource &e) {
      causes.push_back({e.logical_id, resource_error_text(e)});
    } catch (const InvalidEvent &e) {
      causes.push_back({e.event_id, "Event with id [" + e.event_id + "] is invalid. " + e.message});
    } catch (const InvalidTemplate &e) {
      // A structural error ends the translation: it is reported alone, as the translator does.
      std::string text = "Structure of the SAM template is invalid. " + e.message;
      throw SamError(document_message({{text, text}}));
    } catch (const InvalidDocumentCause &e) {
      causes.push_back({e.key.empty() ? e.message : e.key, e.message});
    } catch (const Json::exception &) {
      // A section of an unexpected shape that no specific check caught: still a user error.
      causes.push_back(
          {id, "Resource with id [" + id + "] is invalid. Structure of the resource is invalid."});
    }
  }
  if (causes.empty()) {
    try {
      run_after_plugins(ctx);
    } catch (const InvalidResource &e) {
      causes.push_back({e.logical_id, resource_error_text(e)});
    } catch (const InvalidTemplate &e) {
      std::string text = "Structure of the SAM template is invalid. " + e.message;
      causes.push_back({text, text});
    } catch (const InvalidDocumentCause &e) {
      causes.push_back({e.message, e.message});
    } catch (const Json::exception &) {
      causes.push_back({"", "Structure of the SAM template is invalid."});
    }
  }
  if (!causes.empty())
    throw SamError(document_message(std::move(causes)));

  Json result = Json::object();
  for (auto it = ctx.tmpl.begin(); it != ctx.tmpl.end(); ++it) {
    if (it.key() == "Resources")
      result["Resources"] = ctx.out;
    else if (it.key() == "Globals")
      continue;
    else if (it.key() == "Conditions" && it->empty() && !has(sam_template, "Conditions"))
      continue;
    else if (it.key() == "Transform") {
      // Only the SAM transform is consumed; other macros stay for their own processors.
      if (it->is_string()) {
        if (it->get<std::string>() != "AWS::Serverless-2016-10-31")
          result["Transform"] = *it;
      } else if (it->is_array()) {
        Json rest = Json::array();
        for (const auto &x : *it)
          if (!(x.is_string() && x.get<std::string>() == "AWS::Serverless-2016-10-31"))
            rest.push_back(x);
        if (!rest.empty())
          result["Transform"] = rest;
      } else {
        result["Transform"] = *it;
      }
    } else {
      result[it.key()] = *it;
    }
  }
  return result;
}

} // namespace cfnlocal::transforms::sam
