#pragma once
/// \file
/// The embedded services: AWS control-plane operations answered in-process from the state file
/// (records in the Store's service tables; S3 object bytes in files under
/// `Store::objects_dir()`, i.e. "<state file>.objects/").
///
/// Services and operations (botocore service ids; shapes per botocore's service-2.json):
/// - "s3": CreateBucket, HeadBucket, DeleteBucket, ListBuckets, PutObject, GetObject,
///   CopyObject, HeadObject, DeleteObject, ListObjectsV2, Put/Get/DeleteBucketTagging,
///   Put/GetBucketVersioning, Put/Get/DeleteBucketEncryption, Put/Get/DeleteBucketPolicy,
///   Put/Get/DeleteBucketCors, PutBucketLifecycleConfiguration / GetBucketLifecycleConfiguration
///   / DeleteBucketLifecycle, Put/Get/DeleteBucketOwnershipControls, Put/Get/DeleteBucketWebsite,
///   Put/Get/DeletePublicAccessBlock.
/// - "ssm": PutParameter, GetParameter, GetParameters, DeleteParameter, DeleteParameters,
///   DescribeParameters, GetParametersByPath, AddTagsToResource, RemoveTagsFromResource,
///   ListTagsForResource; the public `/aws/service/...` parameters every account has are
///   readable (GetParameter(s), GetParametersByPath) with region-specific values.
/// - "secretsmanager": CreateSecret, GetSecretValue, PutSecretValue, UpdateSecret,
///   DescribeSecret, DeleteSecret, RestoreSecret, ListSecrets, TagResource, UntagResource,
///   GetRandomPassword.
/// - "sqs": CreateQueue, GetQueueUrl, GetQueueAttributes, SetQueueAttributes, DeleteQueue,
///   ListQueues, TagQueue, UntagQueue, ListQueueTags (attribute maps and tag maps of strings).
/// - "sns": CreateTopic, DeleteTopic, GetTopicAttributes, SetTopicAttributes, ListTopics,
///   Subscribe, Unsubscribe, GetSubscriptionAttributes, SetSubscriptionAttributes,
///   ListSubscriptions, ListSubscriptionsByTopic, TagResource, UntagResource,
///   ListTagsForResource (attributes as maps of strings; query-protocol error codes).
/// - "iam": roles, users, groups (Create/Get/Delete/List, tags, permissions boundaries,
///   UpdateRole, UpdateAssumeRolePolicy, group membership), their inline policies
///   (Put/Get/Delete/List*Policy) and managed policy attachments (Attach/Detach/ListAttached*),
///   customer managed policies and their versions, instance profiles. Policy documents are JSON
///   text (not URL-encoded); query-protocol error codes ("NoSuchEntity", ...).
/// - "logs": CreateLogGroup, DeleteLogGroup, DescribeLogGroups, Put/DeleteRetentionPolicy,
///   TagResource, UntagResource, ListTagsForResource (and the older TagLogGroup, UntagLogGroup,
///   ListTagsLogGroup), CreateLogStream, DeleteLogStream, DescribeLogStreams, PutLogEvents,
///   GetLogEvents, FilterLogEvents (filter patterns of terms: plain, "quoted", ?optional,
///   -excluded).
/// - "lambda": CreateFunction (ZipFile, or S3Bucket/S3Key of the embedded S3),
///   GetFunction, GetFunctionConfiguration, UpdateFunctionCode, UpdateFunctionConfiguration,
///   DeleteFunction, ListFunctions, PublishVersion, ListVersionsByFunction,
///   Create/Get/Update/Delete/ListAlias(es), AddPermission, RemovePermission, GetPolicy,
///   Create/Get/Update/Delete/ListEventSourceMapping(s), PublishLayerVersion, GetLayerVersion,
///   DeleteLayerVersion, ListLayerVersions, Create/Get/Update/DeleteFunctionUrlConfig,
///   TagResource, UntagResource, ListTags, Put/Get/DeleteFunctionConcurrency, and Invoke, which
///   runs Python and Node.js handlers with the interpreters on this machine
///   (embedded/lambda_invoke.h; outside the per-call transaction). Code zips are files under
///   "<objects dir>/lambda/", unpacked per upload under "<objects dir>/lambda-cache/".
/// - "dynamodb": CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables,
///   UpdateTimeToLive, DescribeTimeToLive, UpdateContinuousBackups, DescribeContinuousBackups,
///   TagResource, UntagResource, ListTagsOfResource (key schemas, attribute definitions, indexes,
///   billing modes and streams checked as DynamoDB checks them).
/// - "kms": CreateKey, DescribeKey, ListKeys, Enable/DisableKey, UpdateKeyDescription,
///   Enable/DisableKeyRotation, GetKeyRotationStatus, Get/PutKeyPolicy, ScheduleKeyDeletion,
///   CancelKeyDeletion, Create/Update/DeleteAlias, ListAliases, TagResource, UntagResource,
///   ListResourceTags.
/// - "events": Create/Describe/Update/Delete/ListEventBus(es), PutRule, DescribeRule, DeleteRule,
///   ListRules, Enable/DisableRule, PutTargets, RemoveTargets, ListTargetsByRule, TagResource,
///   UntagResource, ListTagsForResource (schedule expressions and event patterns checked).
/// - "kinesis": CreateStream, DescribeStream(Summary), DeleteStream, ListStreams,
///   UpdateShardCount, UpdateStreamMode, Increase/DecreaseStreamRetentionPeriod,
///   Start/StopStreamEncryption, Enable/DisableEnhancedMonitoring, AddTagsToStream,
///   RemoveTagsFromStream, ListTagsForStream.
/// - "stepfunctions": Create/Describe/Update/Delete/ListStateMachine(s), TagResource,
///   UntagResource, ListTagsForResource (Amazon States Language definitions checked; the role
///   must be an IAM role of the embedded IAM that trusts states.amazonaws.com).
/// - "ec2": networking (services/embedded/ec2_common.h): VPCs (attributes, IPv4 and IPv6 CIDR
///   blocks), subnets, security groups and rules, internet gateways, route tables, routes and
///   associations, Elastic IP addresses, NAT gateways, VPC endpoints, default network ACLs,
///   Availability Zones, tags; the region's default VPC exists from the first call. Also VPC
///   endpoint services (PrivateLink configurations, permissions, private DNS verification
///   against the backend's Route 53 when it serves one, connections), VPC peering connections,
///   key pairs (real RSA/ED25519 keys), instance type and Reserved Instance offerings.
/// - "cloudwatch" (also "monitoring", its endpoint prefix): PutMetricData, ListMetrics,
///   GetMetricStatistics, GetMetricData (MetricStat queries; metric math is refused),
///   PutMetricAlarm, PutCompositeAlarm, DescribeAlarms, DescribeAlarmsForMetric, DeleteAlarms,
///   SetAlarmState, Enable/DisableAlarmActions, TagResource, UntagResource, ListTagsForResource
///   (query-protocol error codes such as "InvalidParameterValue", as boto3 reports them).
/// - "codecommit": Create/Get/Delete/ListRepositor(y|ies), UpdateRepositoryDescription,
///   UpdateRepositoryName, PutFile, CreateCommit, GetFile, GetCommit, Get/Create/Delete/
///   ListBranch(es), Put/GetRepositoryTriggers, TagResource, UntagResource,
///   ListTagsForResource (commits, trees and blobs with Git's content-hashed ids).
/// - "route53" (global: one set of records whatever the region): Create/Get/Delete/
///   ListHostedZones(ByName|ByVPC), GetHostedZoneCount, UpdateHostedZoneComment,
///   ChangeResourceRecordSets (atomic batches, InvalidChangeBatch in Route 53's words),
///   ListResourceRecordSets (Route 53's order and paging), GetChange, Associate/
///   DisassociateVPC(With|From)HostedZone (VPCs of the embedded EC2), Create/Get/Update/Delete/
///   ListHealthChecks, ChangeTagsForResource, ListTagsForResource(s). Ids are answered with
///   their "/hostedzone/" and "/change/" prefixes and accepted with or without them.
/// - "elbv2" (also "elasticloadbalancing", its endpoint prefix): Create/Describe/
///   DeleteLoadBalancer(s) (in the embedded EC2's subnets and security groups; AWS's DNS names,
///   hosted zone ids and ARNs), Describe/ModifyLoadBalancerAttributes, SetSecurityGroups,
///   SetSubnets, SetIpAddressType, Create/Describe/Modify/DeleteTargetGroup(s),
///   Describe/ModifyTargetGroupAttributes, Register/DeregisterTargets, DescribeTargetHealth,
///   Create/Describe/Modify/DeleteListener(s) (forward, redirect, fixed-response, authenticate-*
///   actions; HTTPS/TLS listeners on certificates of the embedded ACM),
///   Add/Remove/DescribeListenerCertificates, Create/Describe/Modify/DeleteRule(s),
///   SetRulePriorities, AddTags, RemoveTags, DescribeTags (embedded/elbv2_common.h).
/// - "acm": RequestCertificate (issued at once, with the DNS records or e-mail addresses ACM
///   would validate it with), ImportCertificate (read with OpenSSL), DescribeCertificate,
///   GetCertificate, ListCertificates, DeleteCertificate, UpdateCertificateOptions,
///   AddTagsToCertificate, RemoveTagsFromCertificate, ListTagsForCertificate.
/// - "iot": things (Create/Describe/Update/Delete/ListThings, attributes, versions), thing types,
///   certificates (CreateKeysAndCertificate with a real RSA key pair and X.509 certificate,
///   CreateCertificateFromCsr, RegisterCertificate(WithoutCA), Describe/Update/Delete/
///   ListCertificates), policies and versions, AttachPolicy/DetachPolicy and the thing principal
///   attachments with the deletes they block, DescribeEndpoint, topic rules (roles and Lambda
///   functions checked), tags (services/embedded/iot_common.h).
/// - "greengrass": the seven definition families and their versions, groups and group versions,
///   deployments and resets, group roles and the account's service role, tags
///   (services/embedded/greengrass_common.h).
/// - "cloudcontrol": CreateResource, GetResource, UpdateResource, DeleteResource,
///   ListResources, GetResourceRequestStatus.
///
/// Conventions of the JSON seam (the endpoint backend converts to and from the wire):
/// - Timestamps in responses are ISO 8601 UTC strings with milliseconds.
/// - S3 `Body` is a JSON string holding the raw bytes (or, on input, a binary value);
///   Secrets Manager `SecretBinary` is base64 text, as in the JSON protocol; Lambda's ZipFile is
///   binary or base64 text; Invoke's Payload is a string holding the bytes (JSON text) both ways.
/// - Cloud Control's CreateResource takes, as a cfnlocal extension, the `Identifier` to store
///   the record under (there is no handler to assign one); DesiredState / Properties /
///   ResourceModel are JSON text (an object is accepted on input too).
/// - Errors are ServiceError with the service's code, message and HTTP status; missing or
///   malformed members are "ValidationException" (S3: "InvalidArgument" or the specific code).
///
/// Lambda's Invoke gives the function an HTTP front over this backend (code_endpoint()).
///
/// Every call (Lambda's Invoke aside) is one write transaction on the Store: concurrent callers
/// (threads or processes) see each operation whole, and a killed process leaves each completed call
/// on disk.

#include "services/backend.h"
#include "state/store.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace cfnlocal::services {

namespace http_front {
class HttpFront;
}

/// The embedded backend over a Store. Not copyable; the Store must outlive it. Thread-safe.
class EmbeddedBackend : public Backend {
public:
  /// `region` ("us-east-1") and `account_id` (12 digits) are where every call is made.
  EmbeddedBackend(state::Store &store, std::string region, std::string account_id);
  ~EmbeddedBackend() override;

  /// Runs an operation; see the file comment for the services and operations served. Unknown
  /// services or operations throw ServiceError "InvalidAction" (HTTP 400).
  Json call(std::string_view service, std::string_view operation, const Json &input) override;
  const std::string &region() const override { return region_; }
  const std::string &account_id() const override { return account_id_; }

  /// The URL of an HTTP front (services/http_front/http_front.h) over this backend, started on
  /// first use and serving until the backend is destroyed: Lambda functions that Invoke runs
  /// get it as AWS_ENDPOINT_URL, so their SDK calls reach these services. Throws
  /// ServiceError "ServiceException" when no local port can be bound.
  std::string code_endpoint();

  /// Answers `service`'s operations with `handler` (operation name, request) -> response, ahead
  /// of the embedded services: what the backend's owner knows and the services do not (the
  /// engine answers "cloudformation" from its stacks, engine/cloudformation_api.h). The handler
  /// throws ServiceError as a service would, and must outlive the backend's calls.
  using ServiceHandler = std::function<Json(std::string_view operation, const Json &input)>;
  void serve(std::string service, ServiceHandler handler);

private:
  state::Store &store_;
  std::mutex front_mutex_;
  std::unique_ptr<http_front::HttpFront> front_;
  std::mutex served_mutex_;
  std::map<std::string, ServiceHandler, std::less<>> served_;
  std::string region_;
  std::string account_id_;
};

} // namespace cfnlocal::services
