// Which service and operation a request is for (front_parts.h). The service index is built from
// the bundled models' metadata alone, so a request parses only the models it touches.
#include "services/http_front/front_parts.h"

#include "services/endpoint/models_data.h"
#include "services/endpoint/service_model.h"

#include <map>
#include <vector>

namespace cfnlocal::services::http_front {

namespace {

struct ServiceFacts {
  std::string service, protocol, signing_name, target_prefix, api_version;
};

const std::vector<ServiceFacts> &service_index() {
  static const std::vector<ServiceFacts> index = [] {
    std::vector<ServiceFacts> out;
    for (const auto &m : endpoint::model_texts()) {
      // The documents start {"metadata":{...},"operations":...}: read the metadata only.
      std::string_view text = m.json;
      size_t start = text.find('{', 1), end = text.find(",\"operations\"");
      if (start == std::string_view::npos || end == std::string_view::npos)
        continue;
      Json meta = Json::parse(text.substr(start, end - start), nullptr, false);
      if (!meta.is_object())
        continue;
      std::string prefix = meta.value("endpointPrefix", std::string(m.service));
      out.push_back({std::string(m.service), meta.value("protocol", ""),
                     meta.value("signingName", prefix), meta.value("targetPrefix", ""),
                     meta.value("apiVersion", "")});
    }
    return out;
  }();
  return index;
}

/// "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/s3/aws4_request, ..." -> "s3".
std::string scope_service(const std::string &credential) {
  // AKID/date/region/service/aws4_request
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t slash = credential.find('/', start);
    parts.push_back(credential.substr(start, slash == std::string::npos ? slash : slash - start));
    if (slash == std::string::npos)
      break;
    start = slash + 1;
  }
  return parts.size() >= 5 ? parts[parts.size() - 2] : "";
}

std::string signing_service(const HttpRequest &request) {
  std::string auth = header_of(request, "Authorization");
  if (size_t c = auth.find("Credential="); c != std::string::npos) {
    size_t end = auth.find_first_of(", ", c);
    return scope_service(auth.substr(c + 11, end == std::string::npos ? end : end - c - 11));
  }
  for (const auto &[k, v] : request.query)
    if (k == "X-Amz-Credential")
      return scope_service(v);
  return {};
}

/// Form parameters of a query-protocol request (body, or query string of a GET).
std::map<std::string, std::string> form_of(const HttpRequest &request) {
  std::map<std::string, std::string> out;
  if (header_of(request, "Content-Type").find("x-www-form-urlencoded") != std::string::npos) {
    std::string_view body = request.body;
    size_t start = 0;
    while (start < body.size()) {
      size_t amp = body.find('&', start);
      std::string_view part = body.substr(start, amp == std::string::npos ? amp : amp - start);
      size_t eq = part.find('=');
      out[url_decode(part.substr(0, eq), true)] =
          eq == std::string::npos ? "" : url_decode(part.substr(eq + 1), true);
      if (amp == std::string::npos)
        break;
      start = amp + 1;
    }
  }
  for (const auto &[k, v] : request.query)
    out.emplace(k, v);
  return out;
}

// ---- rest routes ---------------------------------------------------------------------------

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  if (path.empty() || path == "/")
    return out;
  size_t start = path.front() == '/' ? 1 : 0;
  while (true) {
    size_t slash = path.find('/', start);
    out.emplace_back(path.substr(start, slash == std::string::npos ? slash : slash - start));
    if (slash == std::string::npos)
      break;
    start = slash + 1;
  }
  return out;
}

/// How well a requestUri template ("/{Bucket}/{Key+}?tagging") fits the request: -1 when it
/// does not, else a score that grows with literal segments and literal query parameters.
int route_score(const std::string &uri, const std::string &raw_path, const HttpRequest &request) {
  std::string path_template = uri, static_query;
  if (size_t q = uri.find('?'); q != std::string::npos) {
    path_template = uri.substr(0, q);
    static_query = uri.substr(q + 1);
  }
  int score = 0;
  for (size_t start = 0; start < static_query.size();) {
    size_t amp = static_query.find('&', start);
    std::string part = static_query.substr(start, amp == std::string::npos ? amp : amp - start);
    size_t eq = part.find('=');
    std::string key = part.substr(0, eq);
    bool found = false;
    for (const auto &[k, v] : request.query)
      if (k == key && (eq == std::string::npos || v == part.substr(eq + 1)))
        found = true;
    if (!found)
      return -1;
    score += 10;
    if (amp == std::string::npos)
      break;
    start = amp + 1;
  }
  auto templ = split_path(path_template);
  auto actual = split_path(raw_path);
  size_t i = 0;
  for (; i < templ.size(); ++i) {
    const std::string &t = templ[i];
    size_t open = t.find('{');
    if (open == std::string::npos) {
      if (i >= actual.size() || url_decode(actual[i]) != t)
        return -1;
      score += 100;
      continue;
    }
    bool greedy = t.size() > open + 2 && t[t.size() - 2] == '+';
    if (greedy) // the rest of the path, at least one character
      return i < actual.size() && !(actual.size() == i + 1 && actual[i].empty()) ? score : -1;
    if (i >= actual.size() || actual[i].empty())
      return -1;
    std::string prefix = t.substr(0, open), suffix = t.substr(t.find('}') + 1);
    std::string seg = url_decode(actual[i]);
    if (seg.compare(0, prefix.size(), prefix) != 0 || seg.size() < prefix.size() + suffix.size() ||
        seg.compare(seg.size() - suffix.size(), suffix.size(), suffix) != 0)
      return -1;
    score += prefix.empty() && suffix.empty() ? 1 : 50;
  }
  // "/bucket/" is "/bucket".
  if (i < actual.size() && !(i + 1 == actual.size() && actual[i].empty()))
    return -1;
  return score;
}

/// Whether the request carries every required member bound to a header or the query string.
bool has_required_bound_members(const ServiceModel &model, const ModelJson &op,
                                const HttpRequest &request, int &bonus) {
  auto in = op.find("input");
  if (in == op.end())
    return true;
  const ModelJson *shape = model.shape(in->get<std::string>());
  if (!shape || !shape->contains("required") || !shape->contains("members"))
    return true;
  for (const auto &name : (*shape)["required"]) {
    auto m = (*shape)["members"].find(name.get<std::string>());
    if (m == (*shape)["members"].end())
      continue;
    std::string location = m->value("location", "");
    std::string wire = m->value("locationName", name.get<std::string>());
    if (location == "header") {
      if (!request.headers.count(wire))
        return false;
      bonus += 5;
    } else if (location == "querystring") {
      bool found = false;
      for (const auto &[k, v] : request.query)
        found = found || k == wire;
      if (!found)
        return false;
      bonus += 5;
    }
  }
  return true;
}

std::string raw_path_of(const HttpRequest &request) {
  std::string path = request.path;
  if (size_t q = path.find('?'); q != std::string::npos)
    path.resize(q);
  return path;
}

/// The rest operation that fits best, and its score (-1 none).
std::pair<std::string, int> best_route(const ServiceModel &model, const HttpRequest &request) {
  std::pair<std::string, int> best{"", -1};
  std::string path = raw_path_of(request);
  for (const auto &name : model.operation_names()) {
    const ModelJson *op = model.operation(name);
    const ModelJson &http = (*op)["http"];
    if (http.value("method", "POST") != request.method)
      continue;
    int score = route_score(http.value("requestUri", "/"), path, request);
    if (score < 0)
      continue;
    int bonus = 0;
    if (!has_required_bound_members(model, *op, request, bonus))
      continue;
    if (score + bonus > best.second)
      best = {name, score + bonus};
  }
  return best;
}

} // namespace

const ServiceModel *service_of(const HttpRequest &request) {
  const auto &index = service_index();
  if (std::string target = header_of(request, "X-Amz-Target"); !target.empty()) {
    std::string prefix = target.substr(0, target.rfind('.'));
    for (const auto &f : index)
      if (f.protocol == "json" && f.target_prefix == prefix)
        return endpoint::service_model(f.service);
  }
  std::vector<const ServiceFacts *> candidates;
  std::string signing = signing_service(request);
  for (const auto &f : index)
    if (!signing.empty() && (f.signing_name == signing || f.service == signing))
      candidates.push_back(&f);
  if (candidates.empty()) {
    auto form = form_of(request);
    if (auto v = form.find("Version"); v != form.end() && form.count("Action"))
      for (const auto &f : index)
        if ((f.protocol == "query" || f.protocol == "ec2") && f.api_version == v->second)
          candidates.push_back(&f);
  }
  if (candidates.empty() && signing.empty()) // unsigned requests are S3's (a browser's GET)
    for (const auto &f : index)
      if (f.service == "s3")
        candidates.push_back(&f);
  if (candidates.size() == 1)
    return endpoint::service_model(candidates.front()->service);
  const ServiceModel *best = nullptr;
  int best_score = -1;
  for (const auto *f : candidates) {
    const ServiceModel *model = endpoint::service_model(f->service);
    if (!model)
      continue;
    if (f->protocol != "rest-json" && f->protocol != "rest-xml")
      return model;
    int score = best_route(*model, request).second;
    if (score > best_score)
      best = model, best_score = score;
  }
  return best;
}

std::string operation_of(const ServiceModel &model, const HttpRequest &request) {
  const std::string &protocol = model.protocol();
  if (protocol == "json") {
    std::string target = header_of(request, "X-Amz-Target");
    std::string op = target.substr(target.rfind('.') + 1);
    return model.operation(op) ? op : "";
  }
  if (protocol == "query" || protocol == "ec2") {
    auto form = form_of(request);
    auto action = form.find("Action");
    return action != form.end() && model.operation(action->second) ? action->second : "";
  }
  return best_route(model, request).first;
}

std::map<std::string, std::string> form_parameters(const HttpRequest &request) {
  return form_of(request);
}

} // namespace cfnlocal::services::http_front
