#pragma once
/// \file
/// The AWS::Route53 types on Amazon Route 53's own operations (CloudFormation User Guide:
/// aws-resource-route53-hostedzone.html, -recordset.html, -recordsetgroup.html,
/// -healthcheck.html; Amazon Route 53 API Reference).
///
/// - AWS::Route53::HostedZone: CreateHostedZone (a fresh CallerReference; the first of VPCs makes
///   the zone private, AssociateVPCWithHostedZone adds the others), HostedZoneTags through
///   ChangeTagsForResource. Update: UpdateHostedZoneComment, VPC associations added before old
///   ones are removed, tag changes. Delete: DeleteHostedZone (HostedZoneNotEmpty while records
///   made outside the stack remain, as in AWS). Ref and GetAtt Id are the zone id without
///   "/hostedzone/"; GetAtt NameServers the delegation set (empty for private zones).
///   QueryLoggingConfig and HostedZoneFeatures are kept in the model.
/// - AWS::Route53::RecordSet: one ChangeResourceRecordSets CREATE in the zone named by
///   HostedZoneId or HostedZoneName (exactly one of them; a name must match exactly one zone).
///   Update: UPSERT; a new Type or SetIdentifier deletes the old record set and creates the new
///   one in one atomic batch (Name and the zone are create-only: replacement). Delete: DELETE of
///   the record set as Route 53 holds it. Ref is the Name as the template gives it; the physical
///   ID too.
/// - AWS::Route53::RecordSetGroup: one atomic batch for all its record sets (updates: DELETE of
///   the dropped ones, UPSERT of the kept, CREATE of the new). Physical ID
///   "stack-Logical-RANDOM".
/// - AWS::Route53::HealthCheck: CreateHealthCheck, UpdateHealthCheck (ResetElements for
///   removed FullyQualifiedDomainName, Regions, ResourcePath, ChildHealthChecks), tags; Ref and
///   GetAtt HealthCheckId are its id.
///
/// A failing change batch fails the resource with Route 53's message ("[Tried to create resource
/// record set [name='www.example.com.', type='A'] but it already exists]").

#include "providers/generic_provider.h"

#include <string>
#include <vector>

namespace cfnlocal::providers {

class Route53Provider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  /// The types it serves.
  static std::vector<std::string> types();

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;

private:
  ProgressEvent create_zone(const ResourceHandlerRequest &request, Json properties);
  ProgressEvent update_zone(const ResourceHandlerRequest &request);
  ProgressEvent create_records(const ResourceHandlerRequest &request, Json properties);
  ProgressEvent update_records(const ResourceHandlerRequest &request);
  ProgressEvent remove_records(const ResourceHandlerRequest &request);
  ProgressEvent read_records(const ResourceHandlerRequest &request);
  ProgressEvent create_health_check(const ResourceHandlerRequest &request, Json properties);
  ProgressEvent update_health_check(const ResourceHandlerRequest &request);
};

} // namespace cfnlocal::providers
