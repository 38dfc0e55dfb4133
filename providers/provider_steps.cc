#include "providers/provider_steps.h"

#include "providers/service_errors.h"
#include "services/yielding_lock.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <thread>

namespace cfnlocal::providers {
namespace {

bool listed(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void retype(Json &j, std::initializer_list<std::string_view> integers,
            std::initializer_list<std::string_view> booleans) {
  if (j.is_array()) {
    for (auto &item : j)
      retype(item, integers, booleans);
    return;
  }
  if (!j.is_object())
    return;
  for (auto &[key, value] : j.items()) {
    if (value.is_string() && listed(integers, key)) {
      const std::string &s = value.get_ref<const std::string &>();
      int64_t n = 0;
      auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
      if (ec == std::errc() && ptr == s.data() + s.size())
        value = n;
    } else if (value.is_number_float() && listed(integers, key) &&
               value.get<double>() ==
                   static_cast<double>(static_cast<int64_t>(value.get<double>()))) {
      value = static_cast<int64_t>(value.get<double>());
    } else if (value.is_string() && listed(booleans, key)) {
      std::string s = value.get<std::string>();
      std::transform(s.begin(), s.end(), s.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (s == "true" || s == "false")
        value = s == "true";
    } else {
      retype(value, integers, booleans);
    }
  }
}

} // namespace

ProgressEvent not_updatable(std::string_view pointer) {
  return ProgressEvent::failure(
      HandlerErrorCode::NotUpdatable,
      fmt::format("Invalid patch update: createOnlyProperties [{}] cannot be updated", pointer));
}

Json typed(const Value &value, std::initializer_list<std::string_view> integers,
           std::initializer_list<std::string_view> booleans) {
  Json j = to_json(value);
  retype(j, integers, booleans);
  return j;
}

TagDiff tag_diff(const Json &before, const Json &after, std::string_view key_member,
                 std::string_view value_member) {
  TagDiff out;
  auto find = [&](const Json &list, const Json &key) -> const Json * {
    for (const auto &t : list)
      if (t.value(key_member, Json()) == key)
        return &t;
    return nullptr;
  };
  for (const auto &t : before)
    if (!find(after, t.value(key_member, Json())))
      out.removed.push_back(t.value(key_member, ""));
  for (const auto &t : after) {
    const Json *old = find(before, t.value(key_member, Json()));
    if (!old || old->value(value_member, Json()) != t.value(value_member, Json()))
      out.set.push_back(t);
  }
  return out;
}

ProgressEvent list_page(services::Backend &backend, const ResourceHandlerRequest &request,
                        const ListOperation &list, Json input,
                        const std::function<Value(const Json &item)> &model_of) {
  if (!request.next_token.empty())
    input[std::string(list.token_in)] = request.next_token;
  try {
    Json out = backend.call(list.service, list.operation, input);
    ProgressEvent event = ProgressEvent::success(Value());
    for (const auto &item : out.value(std::string(list.items), Json::array()))
      event.resource_models.push_back(model_of(item));
    event.next_token = out.value(std::string(list.token_out), "");
    return event;
  } catch (const services::ServiceError &e) {
    return failure_from(e, list.label);
  }
}

bool wait_until(const std::function<bool()> &ready, int max_seconds) {
  for (int waited = 0;; ++waited) {
    if (ready())
      return true;
    if (waited >= max_seconds)
      return false;
    services::blocking([] { std::this_thread::sleep_for(std::chrono::seconds(1)); });
  }
}

ProgressEvent already_exists(std::string_view name) {
  return ProgressEvent::failure(HandlerErrorCode::AlreadyExists,
                                fmt::format("Resource handler returned message: \"{} already "
                                            "exists\" (HandlerErrorCode: AlreadyExists)",
                                            name));
}

} // namespace cfnlocal::providers
