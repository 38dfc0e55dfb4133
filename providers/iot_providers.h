#pragma once
/// \file
/// The AWS::IoT types on AWS IoT Core's own operations (each type's page of the CloudFormation
/// resource reference; AWS IoT API Reference):
/// - Thing: CreateThing (after DescribeThing finds no thing of the name: CreateThing itself
///   returns an existing thing of the same configuration), UpdateThing with the attributes
///   replaced (merge false), DeleteThing. Ref the name; GetAtt Arn, Id (the thing id).
/// - Policy: CreatePolicy (document text from the JSON object), tags. A changed document becomes
///   a new default policy version (the oldest non-default version deleted first when there are
///   five, as the AWS handler does); delete removes the non-default versions, then the policy.
///   Ref and Id the name; GetAtt Arn.
/// - Certificate: CreateCertificateFromCsr (CertificateSigningRequest), RegisterCertificate
///   (CertificatePem with CACertificatePem) or RegisterCertificateWithoutCA (CertificateMode
///   SNI_ONLY), then UpdateCertificate for a Status other than ACTIVE/INACTIVE; update sets
///   Status; delete deactivates, then DeleteCertificate. Ref and Id the certificate id; GetAtt
///   Arn.
/// - PolicyPrincipalAttachment: AttachPolicy / DetachPolicy; Id "POLICY|PRINCIPAL".
/// - ThingPrincipalAttachment: AttachThingPrincipal / DetachThingPrincipal (ThingPrincipalType
///   changes reattach); Id "THING|PRINCIPAL".
/// - TopicRule: CreateTopicRule with TopicRulePayload's members in the API's camelCase,
///   ReplaceTopicRule, DeleteTopicRule, tags. Ref the rule name; GetAtt Arn.
/// IoT's errors come back as FAILED events with IoT's message; createOnly changes replace.

#include "providers/generic_provider.h"

#include <string>
#include <vector>

namespace cfnlocal::providers {

/// One provider for the types above; `type_name` of each request picks the behaviour.
class IotProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;

  /// The types it serves.
  static const std::vector<std::string> &types();
};

} // namespace cfnlocal::providers
