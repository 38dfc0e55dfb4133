#pragma once
/// \file
/// The AWS::ElasticLoadBalancingV2 types and AWS::CertificateManager::Certificate on the services'
/// own operations (each type's page of the CloudFormation resource reference; Elastic Load
/// Balancing API Reference v2015-12-01; ACM API Reference):
/// - LoadBalancer: CreateLoadBalancer (Name generated as stack-Logical-RANDOM within 32
///   characters when left out), then ModifyLoadBalancerAttributes for LoadBalancerAttributes;
///   update: SetSecurityGroups, SetSubnets (Subnets / SubnetMappings), SetIpAddressType,
///   attributes, AddTags / RemoveTags; DeleteLoadBalancer. Read-only: LoadBalancerArn (Ref),
///   DNSName, CanonicalHostedZoneID, LoadBalancerFullName ("app/NAME/ID"), LoadBalancerName;
///   SecurityGroups is filled with the groups ELB chose when the template gives none.
/// - TargetGroup: CreateTargetGroup, ModifyTargetGroupAttributes, RegisterTargets; update:
///   ModifyTargetGroup (health check), attributes, targets registered / deregistered by
///   difference, tags; DeleteTargetGroup. Read-only: TargetGroupArn (Ref), TargetGroupName,
///   TargetGroupFullName ("targetgroup/NAME/ID"), LoadBalancerArns (read from ELB when asked,
///   since listeners made after the group add to it).
/// - Listener: CreateListener / ModifyListener / DeleteListener; Ref ListenerArn.
/// - ListenerRule: CreateRule, ModifyRule and SetRulePriorities on update, DeleteRule; Ref
///   RuleArn; IsDefault false.
/// - ListenerCertificate: AddListenerCertificates / RemoveListenerCertificates by difference;
///   Id "LISTENER_ARN|FIRST_CERTIFICATE_ARN".
/// - CertificateManager::Certificate: RequestCertificate (DomainValidationOptions' HostedZoneId
///   is CloudFormation's, not ACM's), UpdateCertificateOptions and tag changes on update,
///   DeleteCertificate; Ref and Id the certificate ARN.
/// Service errors come back as FAILED events with the service's message (a listener that
/// forwards to a missing target group: "Target group 'ARN' not found"); createOnly changes
/// replace (the engine's part).

#include "providers/generic_provider.h"

#include <vector>

namespace cfnlocal::providers {

/// One provider for the types above; `type_name` of each request picks the behaviour.
class LoadBalancingProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
  /// As GenericProvider's, except that a TargetGroup's LoadBalancerArns are read from ELB.
  std::optional<Value> get_att(const ResourceHandlerRequest &request, const Value &model,
                               std::string_view attribute) const override;

  /// The types it serves.
  static const std::vector<std::string> &types();
};

} // namespace cfnlocal::providers
