#include "services/endpoint/service_model.h"

#include <fmt/format.h>

#include "services/endpoint/models_data.h"

#include <map>
#include <memory>
#include <mutex>

namespace cfnlocal::services::endpoint {

namespace {
std::string text_of(const ModelJson &object, const char *key, std::string fallback = {}) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}
} // namespace

ServiceModel::ServiceModel(std::string service, ModelJson doc)
    : service_(std::move(service)), doc_(std::move(doc)) {
  const auto &meta = doc_["metadata"];
  protocol_ = text_of(meta, "protocol");
  endpoint_prefix_ = text_of(meta, "endpointPrefix", service_);
  signing_name_ = text_of(meta, "signingName", endpoint_prefix_);
  api_version_ = text_of(meta, "apiVersion");
  target_prefix_ = text_of(meta, "targetPrefix");
  json_version_ = text_of(meta, "jsonVersion", "1.0");
  global_endpoint_ = text_of(meta, "globalEndpoint");
  for (const auto &[name, op] : doc_["operations"].items()) {
    operations_[name] = &op;
    operation_names_.push_back(name);
  }
  for (const auto &[name, shape] : doc_["shapes"].items())
    shapes_[name] = &shape;
}

const ModelJson *ServiceModel::operation(std::string_view name) const {
  auto it = operations_.find(std::string(name));
  return it == operations_.end() ? nullptr : it->second;
}

const ModelJson *ServiceModel::shape(std::string_view name) const {
  auto it = shapes_.find(std::string(name));
  return it == shapes_.end() ? nullptr : it->second;
}

const ModelJson &ServiceModel::resolve(const ModelJson &ref) const {
  const std::string &name = ref.at("shape").get_ref<const std::string &>();
  if (const ModelJson *s = shape(name))
    return *s;
  throw std::out_of_range("service model " + service_ + " has no shape " + name);
}

const ServiceModel *service_model(std::string_view service) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<ServiceModel>, std::less<>> loaded;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = loaded.find(service); it != loaded.end())
    return it->second.get();
  for (const auto &m : model_texts()) {
    if (m.service != service)
      continue;
    auto model = std::make_unique<ServiceModel>(std::string(service), ModelJson::parse(m.json));
    return loaded.emplace(std::string(service), std::move(model)).first->second.get();
  }
  return nullptr;
}

std::vector<std::string> body_members(std::string_view service, std::string_view operation) {
  const ServiceModel *model = service_model(service);
  const ModelJson *op = model ? model->operation(operation) : nullptr;
  if (!op)
    throw std::out_of_range(fmt::format("no bundled model of {} {}", service, operation));
  std::vector<std::string> out;
  auto input = op->find("input");
  if (input == op->end())
    return out;
  const ModelJson *shape = model->shape(input->get<std::string>());
  if (!shape || !shape->contains("members"))
    return out;
  for (const auto &[name, ref] : shape->at("members").items())
    if (!ref.contains("location"))
      out.push_back(name);
  return out;
}

std::vector<std::string> bundled_services() {
  std::vector<std::string> out;
  for (const auto &m : model_texts())
    out.emplace_back(m.service);
  return out;
}

} // namespace cfnlocal::services::endpoint
