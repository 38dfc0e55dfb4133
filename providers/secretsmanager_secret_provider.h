#pragma once
/// \file
/// AWS::SecretsManager::Secret on Secrets Manager's operations
/// (aws-resource-secretsmanager-secret.html; Secrets Manager API Reference): CreateSecret, with
/// GenerateSecretString resolved through GetRandomPassword (its options passed through;
/// SecretStringTemplate + GenerateStringKey put the password into the template's JSON);
/// DescribeSecret to read; UpdateSecret, TagResource and UntagResource to update; DeleteSecret
/// with ForceDeleteWithoutRecovery. The physical ID and Ref are the secret's ARN. Secrets
/// Manager's errors come back as FAILED events with its message.

#include "providers/generic_provider.h"

namespace cfnlocal::providers {

class SecretsManagerSecretProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;

  /// The secret string GenerateSecretString describes (`generate` is that property's object):
  /// a password from GetRandomPassword with its options, placed under GenerateStringKey in
  /// SecretStringTemplate when given. Throws services::ServiceError from the service, and
  /// ServiceError "InvalidRequestException" when SecretStringTemplate is not a JSON object or
  /// only one of SecretStringTemplate / GenerateStringKey is given.
  std::string generate_secret_string(const Value &generate);
};

} // namespace cfnlocal::providers
