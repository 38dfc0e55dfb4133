#include "providers/provider_registry.h"

#include "providers/s3_bucket_provider.h"
#include "providers/secretsmanager_secret_provider.h"
#include "providers/ssm_parameter_provider.h"

namespace cfnlocal::providers {

ProviderRegistry::ProviderRegistry(services::Backend &backend, const schema::Registry &registry,
                                   RandomSource &random)
    : backend_(backend), schemas_(registry), random_(random),
      generic_(std::make_shared<GenericProvider>(backend, registry, random)) {}

std::unique_ptr<ProviderRegistry>
ProviderRegistry::with_builtin_providers(services::Backend &backend,
                                         const schema::Registry &registry, RandomSource &random) {
  auto r = std::make_unique<ProviderRegistry>(backend, registry, random);
  r->add("AWS::S3::Bucket", std::make_shared<S3BucketProvider>(backend, registry, random));
  r->add("AWS::SSM::Parameter", std::make_shared<SsmParameterProvider>(backend, registry, random));
  r->add("AWS::SecretsManager::Secret",
         std::make_shared<SecretsManagerSecretProvider>(backend, registry, random));
  return r;
}

std::vector<std::string> ProviderRegistry::builtin_types() {
  return {"AWS::S3::Bucket", "AWS::SSM::Parameter", "AWS::SecretsManager::Secret"};
}

void ProviderRegistry::add(std::string type_name, std::shared_ptr<ResourceProvider> provider) {
  providers_[std::move(type_name)] = std::move(provider);
}

ResourceProvider &ProviderRegistry::provider_for(std::string_view type_name) const {
  if (auto it = providers_.find(type_name); it != providers_.end())
    return *it->second;
  return *generic_;
}

bool ProviderRegistry::has_specific(std::string_view type_name) const {
  return providers_.find(type_name) != providers_.end();
}

} // namespace cfnlocal::providers
