#pragma once
// Providers over the real embedded backend on a fresh state file, for the tests of the real
// providers (SQS, ...): each test sees the service state its handlers leave.

#include "providers/provider_registry.h"
#include "schema/registry.h"
#include "services/embedded_backend.h"
#include "state/ids.h"
#include "state/store.h"
#include "tests/providers/test_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <unistd.h>

namespace cfnlocal::providers::testing {

class EmbeddedProviderTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("cfnlocal-real-providers-" + std::to_string(getpid()) + "-" + state::uuid4().substr(0, 8));
    store_ = std::make_unique<state::Store>(dir_ / "state.db");
    backend_ = std::make_unique<services::EmbeddedBackend>(*store_, "us-east-1", "123456789012");
    registry_ =
        ProviderRegistry::with_builtin_providers(*backend_, schema::Registry::builtin(), random_);
  }
  void TearDown() override {
    registry_.reset();
    backend_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  ResourceProvider &provider(std::string_view type) { return registry_->provider_for(type); }
  Json call(std::string_view service, std::string_view op, const Json &input = Json::object()) {
    return backend_->call(service, op, input);
  }

  /// Creates `type` from JSON properties; the event as the handler returned it.
  ProgressEvent create(const std::string &type, const std::string &logical, std::string_view json) {
    return provider(type).create(request_for(type, logical, props(json)));
  }
  /// Updates the resource `created` made to the JSON properties `json`.
  ProgressEvent update(const std::string &type, const ProgressEvent &created,
                       std::string_view json) {
    auto r = request_for(type, "Res", props(json));
    r.physical_id = provider(type).physical_id(type, created.resource_model);
    r.previous_state = created.resource_model;
    return provider(type).update(r);
  }
  /// Reads / deletes the resource whose model is `model`.
  ProgressEvent read(const std::string &type, const Value &model) {
    auto r = request_for(type, "Res");
    r.physical_id = provider(type).physical_id(type, model);
    r.previous_state = model;
    return provider(type).read(r);
  }
  ProgressEvent remove(const std::string &type, const Value &model) {
    auto r = request_for(type, "Res");
    r.physical_id = provider(type).physical_id(type, model);
    r.previous_state = model;
    return provider(type).remove(r);
  }
  /// Fn::GetAtt of `model`.
  std::string att(const std::string &type, const Value &model, std::string_view name) {
    auto v = provider(type).get_att(request_for(type, "Res"), model, name);
    return v ? v->scalar_string().value_or(dump_json(*v, -1)) : "<none>";
  }

  std::filesystem::path dir_;
  std::unique_ptr<state::Store> store_;
  std::unique_ptr<services::EmbeddedBackend> backend_;
  RandomSource random_{7};
  std::unique_ptr<ProviderRegistry> registry_;
};

} // namespace cfnlocal::providers::testing
