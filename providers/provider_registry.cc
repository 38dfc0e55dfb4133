#include "providers/provider_registry.h"

#include "providers/apigateway_providers.h"
#include "providers/apigatewayv2_providers.h"
#include "providers/cloudwatch_alarm_provider.h"
#include "providers/codecommit_repository_provider.h"
#include "providers/custom_resource_provider.h"
#include "providers/dynamodb_table_provider.h"
#include "providers/ec2_network_provider.h"
#include "providers/elbv2_providers.h"
#include "providers/events_event_bus_provider.h"
#include "providers/events_rule_provider.h"
#include "providers/greengrass_providers.h"
#include "providers/iam_instance_profile_provider.h"
#include "providers/iam_managed_policy_provider.h"
#include "providers/iam_policy_provider.h"
#include "providers/iam_principal_provider.h"
#include "providers/iot_providers.h"
#include "providers/kinesis_stream_provider.h"
#include "providers/kms_alias_provider.h"
#include "providers/kms_key_provider.h"
#include "providers/lambda_function_provider.h"
#include "providers/lambda_providers.h"
#include "providers/logs_providers.h"
#include "providers/route53_providers.h"
#include "providers/s3_bucket_provider.h"
#include "providers/secretsmanager_secret_provider.h"
#include "providers/sns_subscription_provider.h"
#include "providers/sns_topic_policy_provider.h"
#include "providers/sns_topic_provider.h"
#include "providers/sqs_queue_policy_provider.h"
#include "providers/sqs_queue_provider.h"
#include "providers/ssm_parameter_provider.h"
#include "providers/stepfunctions_state_machine_provider.h"
#include "providers/wait_condition_handle_provider.h"

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
  r->add("AWS::SQS::Queue", std::make_shared<SqsQueueProvider>(backend, registry, random));
  r->add("AWS::SQS::QueuePolicy",
         std::make_shared<SqsQueuePolicyProvider>(backend, registry, random));
  r->add("AWS::SNS::Topic", std::make_shared<SnsTopicProvider>(backend, registry, random));
  r->add("AWS::SNS::Subscription",
         std::make_shared<SnsSubscriptionProvider>(backend, registry, random));
  r->add("AWS::SNS::TopicPolicy",
         std::make_shared<SnsTopicPolicyProvider>(backend, registry, random));
  for (const char *label : {"Role", "User", "Group"})
    r->add(std::string("AWS::IAM::") + label,
           std::make_shared<IamPrincipalProvider>(backend, registry, random, label));
  r->add("AWS::IAM::Policy", std::make_shared<IamPolicyProvider>(backend, registry, random));
  r->add("AWS::IAM::ManagedPolicy",
         std::make_shared<IamManagedPolicyProvider>(backend, registry, random));
  r->add("AWS::IAM::InstanceProfile",
         std::make_shared<IamInstanceProfileProvider>(backend, registry, random));
  r->add(std::string(kCustomResourceType), std::make_shared<CustomResourceProvider>(backend));
  r->add("AWS::Logs::LogGroup", std::make_shared<LogsLogGroupProvider>(backend, registry, random));
  r->add("AWS::Logs::LogStream",
         std::make_shared<LogsLogStreamProvider>(backend, registry, random));
  r->add("AWS::Lambda::Function",
         std::make_shared<LambdaFunctionProvider>(backend, registry, random));
  auto lambda = std::make_shared<LambdaResourceProvider>(backend, registry, random);
  for (const auto &type : LambdaResourceProvider::types())
    r->add(type, lambda);
  r->add("AWS::DynamoDB::Table",
         std::make_shared<DynamoDbTableProvider>(backend, registry, random));
  r->add("AWS::KMS::Key", std::make_shared<KmsKeyProvider>(backend, registry, random));
  r->add("AWS::KMS::Alias", std::make_shared<KmsAliasProvider>(backend, registry, random));
  r->add("AWS::Events::EventBus",
         std::make_shared<EventsEventBusProvider>(backend, registry, random));
  r->add("AWS::Events::Rule", std::make_shared<EventsRuleProvider>(backend, registry, random));
  r->add("AWS::Kinesis::Stream",
         std::make_shared<KinesisStreamProvider>(backend, registry, random));
  r->add("AWS::StepFunctions::StateMachine",
         std::make_shared<StepFunctionsStateMachineProvider>(backend, registry, random));
  auto apigateway = std::make_shared<ApiGatewayProvider>(backend, registry, random);
  for (const auto &type : ApiGatewayProvider::types())
    r->add(type, apigateway);
  auto apigatewayv2 = std::make_shared<ApiGatewayV2Provider>(backend, registry, random);
  for (const auto &type : ApiGatewayV2Provider::types())
    r->add(type, apigatewayv2);
  auto ec2 = std::make_shared<Ec2NetworkProvider>(backend, registry, random);
  for (const auto &type : Ec2NetworkProvider::types())
    r->add(type, ec2);
  auto alarms = std::make_shared<CloudWatchAlarmProvider>(backend, registry, random);
  for (const auto &type : CloudWatchAlarmProvider::types())
    r->add(type, alarms);
  auto load_balancing = std::make_shared<LoadBalancingProvider>(backend, registry, random);
  for (const auto &type : LoadBalancingProvider::types())
    r->add(type, load_balancing);
  r->add("AWS::CodeCommit::Repository",
         std::make_shared<CodeCommitRepositoryProvider>(backend, registry, random));
  auto route53 = std::make_shared<Route53Provider>(backend, registry, random);
  for (const auto &type : Route53Provider::types())
    r->add(type, route53);
  auto iot = std::make_shared<IotProvider>(backend, registry, random);
  for (const auto &type : IotProvider::types())
    r->add(type, iot);
  auto greengrass = std::make_shared<GreengrassProvider>(backend, registry, random);
  for (const auto &type : GreengrassProvider::types())
    r->add(type, greengrass);
  r->add(std::string(kWaitConditionHandleType),
         std::make_shared<WaitConditionHandleProvider>(r->generic(), random));
  return r;
}

std::vector<std::string> ProviderRegistry::builtin_types() {
  return {"AWS::ApiGateway::Account",
          "AWS::ApiGateway::ApiKey",
          "AWS::ApiGateway::Authorizer",
          "AWS::ApiGateway::BasePathMapping",
          "AWS::ApiGateway::ClientCertificate",
          "AWS::ApiGateway::Deployment",
          "AWS::ApiGateway::DocumentationPart",
          "AWS::ApiGateway::DomainName",
          "AWS::ApiGateway::GatewayResponse",
          "AWS::ApiGateway::Method",
          "AWS::ApiGateway::Model",
          "AWS::ApiGateway::RequestValidator",
          "AWS::ApiGateway::Resource",
          "AWS::ApiGateway::RestApi",
          "AWS::ApiGateway::Stage",
          "AWS::ApiGateway::UsagePlan",
          "AWS::ApiGateway::UsagePlanKey",
          "AWS::ApiGatewayV2::Api",
          "AWS::ApiGatewayV2::ApiMapping",
          "AWS::ApiGatewayV2::Authorizer",
          "AWS::ApiGatewayV2::Deployment",
          "AWS::ApiGatewayV2::DomainName",
          "AWS::ApiGatewayV2::Integration",
          "AWS::ApiGatewayV2::Route",
          "AWS::ApiGatewayV2::Stage",
          "AWS::ApiGatewayV2::VpcLink",
          "AWS::CertificateManager::Certificate",
          "AWS::CloudFormation::CustomResource",
          "AWS::CloudFormation::WaitConditionHandle",
          "AWS::CloudWatch::Alarm",
          "AWS::CloudWatch::CompositeAlarm",
          "AWS::CodeCommit::Repository",
          "AWS::DynamoDB::Table",
          "AWS::EC2::EIP",
          "AWS::EC2::InternetGateway",
          "AWS::EC2::KeyPair",
          "AWS::EC2::NatGateway",
          "AWS::EC2::Route",
          "AWS::EC2::RouteTable",
          "AWS::EC2::SecurityGroup",
          "AWS::EC2::SecurityGroupEgress",
          "AWS::EC2::SecurityGroupIngress",
          "AWS::EC2::Subnet",
          "AWS::EC2::SubnetRouteTableAssociation",
          "AWS::EC2::VPC",
          "AWS::EC2::VPCCidrBlock",
          "AWS::EC2::VPCEndpoint",
          "AWS::EC2::VPCEndpointService",
          "AWS::EC2::VPCEndpointServicePermissions",
          "AWS::EC2::VPCGatewayAttachment",
          "AWS::EC2::VPCPeeringConnection",
          "AWS::ElasticLoadBalancingV2::Listener",
          "AWS::ElasticLoadBalancingV2::ListenerCertificate",
          "AWS::ElasticLoadBalancingV2::ListenerRule",
          "AWS::ElasticLoadBalancingV2::LoadBalancer",
          "AWS::ElasticLoadBalancingV2::TargetGroup",
          "AWS::Events::EventBus",
          "AWS::Events::Rule",
          "AWS::Greengrass::ConnectorDefinition",
          "AWS::Greengrass::ConnectorDefinitionVersion",
          "AWS::Greengrass::CoreDefinition",
          "AWS::Greengrass::CoreDefinitionVersion",
          "AWS::Greengrass::DeviceDefinition",
          "AWS::Greengrass::DeviceDefinitionVersion",
          "AWS::Greengrass::FunctionDefinition",
          "AWS::Greengrass::FunctionDefinitionVersion",
          "AWS::Greengrass::Group",
          "AWS::Greengrass::GroupVersion",
          "AWS::Greengrass::LoggerDefinition",
          "AWS::Greengrass::LoggerDefinitionVersion",
          "AWS::Greengrass::ResourceDefinition",
          "AWS::Greengrass::ResourceDefinitionVersion",
          "AWS::Greengrass::SubscriptionDefinition",
          "AWS::Greengrass::SubscriptionDefinitionVersion",
          "AWS::IAM::Group",
          "AWS::IAM::InstanceProfile",
          "AWS::IAM::ManagedPolicy",
          "AWS::IAM::Policy",
          "AWS::IAM::Role",
          "AWS::IAM::User",
          "AWS::IoT::Certificate",
          "AWS::IoT::Policy",
          "AWS::IoT::PolicyPrincipalAttachment",
          "AWS::IoT::Thing",
          "AWS::IoT::ThingPrincipalAttachment",
          "AWS::IoT::TopicRule",
          "AWS::KMS::Alias",
          "AWS::KMS::Key",
          "AWS::Kinesis::Stream",
          "AWS::Lambda::Alias",
          "AWS::Lambda::EventSourceMapping",
          "AWS::Lambda::Function",
          "AWS::Lambda::LayerVersion",
          "AWS::Lambda::Permission",
          "AWS::Lambda::Url",
          "AWS::Lambda::Version",
          "AWS::Logs::LogGroup",
          "AWS::Logs::LogStream",
          "AWS::Route53::HealthCheck",
          "AWS::Route53::HostedZone",
          "AWS::Route53::RecordSet",
          "AWS::Route53::RecordSetGroup",
          "AWS::S3::Bucket",
          "AWS::SNS::Subscription",
          "AWS::SNS::Topic",
          "AWS::SNS::TopicPolicy",
          "AWS::SQS::Queue",
          "AWS::SQS::QueuePolicy",
          "AWS::SSM::Parameter",
          "AWS::SecretsManager::Secret",
          "AWS::StepFunctions::StateMachine"};
}

void ProviderRegistry::add(std::string type_name, std::shared_ptr<ResourceProvider> provider) {
  providers_[std::move(type_name)] = std::move(provider);
}

ResourceProvider &ProviderRegistry::provider_for(std::string_view type_name) const {
  if (auto it = providers_.find(type_name); it != providers_.end())
    return *it->second;
  // Every Custom::Name is served by the provider of AWS::CloudFormation::CustomResource.
  if (type_name.starts_with("Custom::"))
    if (auto it = providers_.find(kCustomResourceType); it != providers_.end())
      return *it->second;
  return *generic_;
}

std::vector<std::string> ProviderRegistry::registered_types() const {
  std::vector<std::string> out;
  for (const auto &[type, provider] : providers_)
    out.push_back(type);
  return out;
}

bool ProviderRegistry::has_specific(std::string_view type_name) const {
  return providers_.find(type_name) != providers_.end();
}

} // namespace cfnlocal::providers
