#pragma once
// Shared set-up for provider tests: a registry of providers over the fake backend, and request
// builders.

#include "providers/provider_registry.h"
#include "schema/registry.h"
#include "tests/providers/fake_backend.h"

#include "parser/json.h"

#include <memory>
#include <string>

namespace cfnlocal::providers::testing {

inline ResourceHandlerRequest request_for(std::string type, std::string logical_id,
                                          Value properties = Value::object()) {
  ResourceHandlerRequest r;
  r.type_name = std::move(type);
  r.logical_id = std::move(logical_id);
  r.desired_state = std::move(properties);
  r.stack_name = "mystack";
  r.stack_id = "arn:aws:cloudformation:us-east-1:123456789012:stack/mystack/"
               "2b5e6f30-8a1b-11ee-b9d1-0242ac120002";
  r.client_request_token = "token-1";
  return r;
}

/// Properties from JSON text.
inline Value props(std::string_view json) { return parse_json(json); }

struct ProviderFixture {
  FakeBackend backend;
  RandomSource random{42};
  std::unique_ptr<ProviderRegistry> registry =
      ProviderRegistry::with_builtin_providers(backend, schema::Registry::builtin(), random);

  ResourceProvider &provider(std::string_view type) { return registry->provider_for(type); }
};

} // namespace cfnlocal::providers::testing
