#include "providers/s3_object_body.h"

namespace cfnlocal::providers {

std::string s3_object_body(services::Backend &backend, const std::string &bucket,
                           const std::string &key, const std::string &version) {
  Json in = {{"Bucket", bucket}, {"Key", key}};
  if (!version.empty())
    in["VersionId"] = version;
  Json body = backend.call("s3", "GetObject", in).value("Body", Json(""));
  if (body.is_binary())
    return std::string(body.get_binary().begin(), body.get_binary().end());
  return body.is_string() ? body.get<std::string>() : body.dump();
}

std::string api_body(services::Backend &backend, const Json &model) {
  if (auto body = model.find("Body"); body != model.end() && !body->is_null())
    return body->is_string() ? body->get<std::string>() : body->dump();
  Json s3 = model.value("BodyS3Location", Json::object());
  std::string version;
  if (auto v = s3.find("Version"); v != s3.end() && !v->is_null())
    version = v->is_string() ? v->get<std::string>() : v->dump();
  return s3_object_body(backend, s3.value("Bucket", ""), s3.value("Key", ""), version);
}

} // namespace cfnlocal::providers
