#include "planner/change_set_builder.h"

#include "schema/registry.h"
#include "tests/planner/deploy_fixture.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cfnlocal::planner {
namespace {

using testing::deploy;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::plan;

const ResourceChange &change_of(const ChangeSet &cs, const std::string &id) {
  const ResourceChange *c = cs.find(id);
  if (!c)
    throw std::runtime_error("no change for " + id);
  return *c;
}

std::vector<std::string> ids(const ChangeSet &cs) {
  std::vector<std::string> out;
  for (const auto &c : cs.changes)
    out.push_back(c.logical_id);
  return out;
}

const char *kParam = R"(
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: one}
)";

TEST(ChangeSet, EmptyWhenNothingChanged) {
  auto deployed = deploy(kParam);
  ChangeSet cs = plan(deployed, kParam);
  EXPECT_TRUE(cs.empty());
  EXPECT_THAT(cs.errors, IsEmpty());
  EXPECT_EQ(changes_to_json(cs).dump(), "[]");
}

TEST(ChangeSet, NumbersAndStringsOfTheSameValueAreNoChange) {
  auto deployed = deploy(R"(
Resources:
  Q: {Type: AWS::SQS::Queue, Properties: {DelaySeconds: 5}}
)");
  EXPECT_TRUE(plan(deployed, R"(
Resources:
  Q: {Type: AWS::SQS::Queue, Properties: {DelaySeconds: "5"}}
)")
                  .empty());
}

TEST(ChangeSet, InPlaceDirectModification) {
  auto deployed = deploy(kParam);
  ChangeSet cs = plan(deployed, R"(
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: two}
)");
  ASSERT_EQ(cs.changes.size(), 1u);
  const ResourceChange &c = cs.changes[0];
  EXPECT_EQ(c.action, ChangeAction::Modify);
  EXPECT_EQ(c.physical_id, "phys-Param");
  EXPECT_EQ(c.resource_type, "AWS::SSM::Parameter");
  EXPECT_EQ(c.replacement, Replacement::False);
  EXPECT_THAT(c.scope, ElementsAre(ResourceAttribute::Properties));
  EXPECT_EQ(c.policy_action, PolicyAction::None);
  ASSERT_EQ(c.details.size(), 1u);
  const ChangeDetail &d = c.details[0];
  EXPECT_EQ(d.change_source, ChangeSource::DirectModification);
  EXPECT_EQ(d.evaluation, Evaluation::Static);
  EXPECT_EQ(d.target.name, "Value");
  EXPECT_EQ(d.target.path, "/Properties/Value");
  EXPECT_EQ(d.target.requires_recreation, RequiresRecreation::Never);
  EXPECT_EQ(*d.target.before_value, Value("one"));
  EXPECT_EQ(*d.target.after_value, Value("two"));
  EXPECT_EQ(d.target.attribute_change_type, AttributeChangeType::Modify);
}

TEST(ChangeSet, CreateOnlyChangeReplaces) {
  auto deployed = deploy(R"(
Resources:
  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: alpha}}
)");
  ChangeSet cs = plan(deployed, R"(
Resources:
  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: beta}}
)");
  const ResourceChange &c = change_of(cs, "Topic");
  EXPECT_EQ(c.replacement, Replacement::True);
  EXPECT_EQ(c.policy_action, PolicyAction::ReplaceAndDelete);
  ASSERT_EQ(c.details.size(), 1u);
  EXPECT_EQ(c.details[0].target.requires_recreation, RequiresRecreation::Always);
  EXPECT_EQ(c.details[0].evaluation, Evaluation::Static);
  EXPECT_THAT(cs.errors, IsEmpty()); // renamed: no custom-name conflict
}

TEST(ChangeSet, AddedAndRemovedPropertiesAndUpdateReplacePolicy) {
  auto deployed = deploy(R"(
Resources:
  Topic: {Type: AWS::SNS::Topic, Properties: {DisplayName: shown}}
)");
  ChangeSet cs = plan(deployed, R"(
Resources:
  Topic:
    Type: AWS::SNS::Topic
    UpdateReplacePolicy: Retain
    Properties: {TopicName: named}
)");
  const ResourceChange &c = change_of(cs, "Topic");
  ASSERT_EQ(c.details.size(), 3u); // DisplayName removed, TopicName added, UpdateReplacePolicy
  EXPECT_EQ(c.details[0].target.name, "DisplayName");
  EXPECT_EQ(c.details[0].target.attribute_change_type, AttributeChangeType::Remove);
  EXPECT_FALSE(c.details[0].target.after_value.has_value());
  EXPECT_EQ(c.details[1].target.name, "TopicName");
  EXPECT_EQ(c.details[1].target.attribute_change_type, AttributeChangeType::Add);
  EXPECT_EQ(c.details[1].target.requires_recreation, RequiresRecreation::Always);
  EXPECT_EQ(c.details[2].target.attribute, ResourceAttribute::UpdateReplacePolicy);
  EXPECT_EQ(c.replacement, Replacement::True);
  EXPECT_EQ(c.policy_action, PolicyAction::ReplaceAndRetain);
  EXPECT_THAT(c.scope,
              ElementsAre(ResourceAttribute::Properties, ResourceAttribute::UpdateReplacePolicy));
}

const char *kHealthCheck = R"(
Resources:
  Check:
    Type: AWS::Route53::HealthCheck
    Properties:
      HealthCheckConfig: {Type: %s, Port: %s, FullyQualifiedDomainName: example.com}
)";

std::string health_check(const char *type, const char *port) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, kHealthCheck, type, port);
  return buffer;
}

TEST(ChangeSet, NestedCreateOnlyPath) {
  auto deployed = deploy(health_check("HTTP", "80"));
  ChangeSet port = plan(deployed, health_check("HTTP", "8080"));
  const ResourceChange &p = change_of(port, "Check");
  EXPECT_EQ(p.replacement, Replacement::False);
  ASSERT_EQ(p.details.size(), 1u);
  EXPECT_EQ(p.details[0].target.name, "HealthCheckConfig");
  EXPECT_EQ(p.details[0].target.path, "/Properties/HealthCheckConfig/Port");
  EXPECT_EQ(p.details[0].target.requires_recreation, RequiresRecreation::Never);

  ChangeSet type = plan(deployed, health_check("HTTPS", "80"));
  const ResourceChange &t = change_of(type, "Check");
  EXPECT_EQ(t.replacement, Replacement::True);
  EXPECT_EQ(t.details[0].target.path, "/Properties/HealthCheckConfig/Type");
  EXPECT_EQ(t.details[0].target.requires_recreation, RequiresRecreation::Always);
}

TEST(ChangeSet, WholeObjectChangeReplacesOnlyWhenACreateOnlyLeafDiffers) {
  auto deployed = deploy(R"(
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties: {EncryptionConfiguration: {EncryptionType: AES256}}
)");
  ChangeSet cs = plan(deployed, R"(
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties: {}
)");
  const ResourceChange &c = change_of(cs, "Repo");
  EXPECT_EQ(c.details[0].target.path, "/Properties/EncryptionConfiguration");
  EXPECT_EQ(c.details[0].target.requires_recreation, RequiresRecreation::Always);
  EXPECT_EQ(c.replacement, Replacement::True);
}

TEST(ChangeSet, ConditionalCreateOnly) {
  auto deployed = deploy(R"(
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      BillingMode: PAY_PER_REQUEST
)");
  ChangeSet cs = plan(deployed, R"(
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      BillingMode: PAY_PER_REQUEST
)");
  const ResourceChange &c = change_of(cs, "Table");
  EXPECT_EQ(c.replacement, Replacement::Conditional);
  bool found = false;
  for (const auto &d : c.details)
    if (d.target.name == "KeySchema") {
      found = true;
      EXPECT_EQ(d.target.requires_recreation, RequiresRecreation::Conditionally);
      EXPECT_EQ(d.target.path, "/Properties/KeySchema/0/AttributeName");
    }
  EXPECT_TRUE(found);
  EXPECT_EQ(c.policy_action, PolicyAction::ReplaceAndDelete);
}

// A replaced by a createOnly change; B's createOnly Name refers to A (replaced too); C's
// createOnly Name to B (replaced); D's mutable Value reads C (updated in place).
const char *kChain = R"(
Resources:
  A:
    Type: AWS::SSM::Parameter
    Properties: {Name: %s, Type: String, Value: a}
  B:
    Type: AWS::SSM::Parameter
    Properties: {Name: !Sub "${A}-b", Type: String, Value: b}
  C:
    Type: AWS::SSM::Parameter
    Properties: {Name: !Ref B, Type: String, Value: c}
  D:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: !GetAtt C.Value, Description: !Ref C}
)";

std::string chain(const char *name) {
  char buffer[1024];
  std::snprintf(buffer, sizeof buffer, kChain, name);
  return buffer;
}

TEST(ChangeSet, ThreeDeepCascade) {
  auto deployed = deploy(chain("first"));
  ChangeSet cs = plan(deployed, chain("second"));
  ASSERT_THAT(ids(cs), ElementsAre("A", "B", "C", "D"));
  EXPECT_EQ(change_of(cs, "A").replacement, Replacement::True);

  const ResourceChange &b = change_of(cs, "B");
  EXPECT_EQ(b.replacement, Replacement::True);
  EXPECT_THAT(b.caused_by, ElementsAre("A"));
  ASSERT_EQ(b.details.size(), 2u);
  EXPECT_EQ(b.details[0].change_source, ChangeSource::DirectModification);
  EXPECT_EQ(b.details[0].evaluation, Evaluation::Dynamic);
  EXPECT_EQ(b.details[1].change_source, ChangeSource::ResourceReference);
  EXPECT_EQ(b.details[1].evaluation, Evaluation::Static);
  EXPECT_EQ(b.details[1].causing_entity, "A");
  EXPECT_EQ(b.details[1].target.requires_recreation, RequiresRecreation::Always);
  EXPECT_EQ(render_change_value(*b.details[1].target.after_value), kKnownAfterApply);
  EXPECT_EQ(*b.details[1].target.before_value, Value("phys-A-b"));

  const ResourceChange &c = change_of(cs, "C");
  EXPECT_EQ(c.replacement, Replacement::True);
  EXPECT_EQ(c.details[1].causing_entity, "B");

  const ResourceChange &d = change_of(cs, "D");
  EXPECT_EQ(d.replacement, Replacement::False);
  EXPECT_THAT(d.caused_by, ElementsAre("C"));
  std::vector<std::pair<std::string, std::string>> sources;
  for (const auto &detail : d.details)
    sources.push_back({to_string(detail.change_source), detail.causing_entity});
  EXPECT_THAT(sources,
              ElementsAre(std::pair<std::string, std::string>{"DirectModification", ""},
                          std::pair<std::string, std::string>{"DirectModification", ""},
                          std::pair<std::string, std::string>{"ResourceAttribute", "C.Value"},
                          std::pair<std::string, std::string>{"ResourceReference", "C"}));
  // The chain ends at D: nothing else changes.
  EXPECT_EQ(cs.changes.size(), 4u);
}

TEST(ChangeSet, InPlaceUpdateChangesAttributesThatReadTheProperty) {
  const char *before = R"(
Resources:
  Source:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: old, Description: d}
  Reader:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: !GetAtt Source.Value}
)";
  auto deployed = deploy(before);
  // The fixture recorded "Source.Value-v1"; make it what the service would have returned.
  for (auto &r : deployed.resources)
    if (r.logical_id == "Source")
      r.attributes["Value"] = Value("old");
  for (auto &r : deployed.resources)
    if (r.logical_id == "Reader")
      r.properties.set("Value", Value("old"));
  ChangeSet unrelated = plan(deployed, R"(
Resources:
  Source:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: old, Description: changed}
  Reader:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: !GetAtt Source.Value}
)");
  EXPECT_THAT(ids(unrelated), ElementsAre("Source"));

  ChangeSet related = plan(deployed, R"(
Resources:
  Source:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: new, Description: d}
  Reader:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: !GetAtt Source.Value}
)");
  const ResourceChange &r = change_of(related, "Reader");
  ASSERT_EQ(r.details.size(), 2u);
  EXPECT_EQ(*r.details[0].target.after_value, Value("new")); // known now: Static
  EXPECT_EQ(r.details[1].change_source, ChangeSource::ResourceAttribute);
  EXPECT_EQ(r.details[1].causing_entity, "Source.Value");
  EXPECT_EQ(r.details[1].evaluation, Evaluation::Static);
}

TEST(ChangeSet, ConditionalReplacementCascadesAsConditional) {
  const char *tmpl = R"(
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: %s, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: %s, AttributeType: S}]
      BillingMode: PAY_PER_REQUEST
  Name:
    Type: AWS::SSM::Parameter
    Properties: {Name: !Ref Table, Type: String, Value: v}
)";
  char before[1024], after[1024];
  std::snprintf(before, sizeof before, tmpl, "id", "id");
  std::snprintf(after, sizeof after, tmpl, "pk", "pk");
  ChangeSet cs = plan(deploy(before), after);
  const ResourceChange &n = change_of(cs, "Name");
  EXPECT_EQ(n.replacement, Replacement::Conditional);
  ASSERT_EQ(n.details.size(), 2u);
  EXPECT_EQ(n.details[1].change_source, ChangeSource::ResourceReference);
  EXPECT_EQ(n.details[1].evaluation, Evaluation::Dynamic);
  EXPECT_EQ(n.details[1].target.requires_recreation, RequiresRecreation::Always);
}

const char *kFlip = R"(
Parameters:
  Env: {Type: String, AllowedValues: [prod, dev]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
Resources:
  Always:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: !If [IsProd, big, small]}
  ProdOnly:
    Type: AWS::SNS::Topic
    Condition: IsProd
    DeletionPolicy: Retain
  DevOnly:
    Type: AWS::SQS::Queue
    Condition: IsDev
)";

TEST(ChangeSet, FlippedConditionAddsAndRemoves) {
  auto deployed = deploy(kFlip, {{"Env", "prod"}});
  ChangeSet cs = plan(deployed, kFlip, {{"Env", "dev"}});
  ASSERT_THAT(ids(cs), ElementsAre("Always", "DevOnly", "ProdOnly"));
  const ResourceChange &always = change_of(cs, "Always");
  EXPECT_EQ(always.action, ChangeAction::Modify);
  ASSERT_EQ(always.details.size(), 2u);
  EXPECT_EQ(always.details[1].change_source, ChangeSource::ParameterReference);
  EXPECT_EQ(always.details[1].causing_entity, "Env");
  const ResourceChange &dev = change_of(cs, "DevOnly");
  EXPECT_EQ(dev.action, ChangeAction::Add);
  EXPECT_TRUE(dev.physical_id.empty());
  EXPECT_FALSE(dev.replacement.has_value());
  const ResourceChange &prod = change_of(cs, "ProdOnly");
  EXPECT_EQ(prod.action, ChangeAction::Remove);
  EXPECT_EQ(prod.physical_id, "phys-ProdOnly");
  EXPECT_EQ(prod.policy_action, PolicyAction::Retain);
  EXPECT_EQ(cs.changed_parameters, std::vector<std::string>{"Env"});
}

const char *kParamRef = R"(
Parameters:
  Text: {Type: String}
  Key: {Type: String, Default: fixed}
Resources:
  P:
    Type: AWS::SSM::Parameter
    Properties: {Name: !Sub "/app/${Key}", Type: String, Value: !Ref Text}
)";

TEST(ChangeSet, ParameterChangeIsAParameterReference) {
  auto deployed = deploy(kParamRef, {{"Text", "a"}});
  ChangeSet cs = plan(deployed, kParamRef, {{"Text", "b"}});
  const ResourceChange &c = change_of(cs, "P");
  EXPECT_EQ(c.replacement, Replacement::False);
  ASSERT_EQ(c.details.size(), 2u);
  EXPECT_EQ(c.details[0].change_source, ChangeSource::DirectModification);
  EXPECT_EQ(c.details[0].evaluation, Evaluation::Dynamic);
  EXPECT_EQ(c.details[1].change_source, ChangeSource::ParameterReference);
  EXPECT_EQ(c.details[1].evaluation, Evaluation::Static);
  EXPECT_EQ(c.details[1].causing_entity, "Text");
  EXPECT_EQ(c.details[1].target.name, "Value");
  EXPECT_EQ(*c.details[1].target.after_value, Value("b"));

  ChangeSet key = plan(deployed, kParamRef, {{"Text", "a"}, {"Key", "other"}});
  const ResourceChange &k = change_of(key, "P");
  EXPECT_EQ(k.replacement, Replacement::True); // Name is create-only; the parameter is known
  EXPECT_EQ(k.details[1].causing_entity, "Key");
  EXPECT_THAT(key.errors, IsEmpty()); // the name changes with the parameter
}

TEST(ChangeSet, CustomNamedReplacementIsAnError) {
  auto deployed = deploy(R"(
Resources:
  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: orders, FifoTopic: false}}
)");
  ChangeSet cs = plan(deployed, R"(
Resources:
  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: orders, FifoTopic: true}}
)");
  EXPECT_EQ(change_of(cs, "Topic").replacement, Replacement::True);
  ASSERT_EQ(cs.errors.size(), 1u);
  EXPECT_EQ(cs.errors[0].message, "CloudFormation cannot update a stack when a custom-named "
                                  "resource requires replacing. Rename orders and update the "
                                  "stack again.");
  EXPECT_EQ(cs.errors[0].mark.line, 3);
  EXPECT_EQ(cs.errors[0].path, "Resources/Topic/Properties/TopicName");
}

TEST(ChangeSet, GeneratedNamesMayBeReplaced) {
  auto deployed = deploy(R"(
Resources:
  Topic: {Type: AWS::SNS::Topic, Properties: {FifoTopic: false}}
)");
  ChangeSet cs = plan(deployed, R"(
Resources:
  Topic: {Type: AWS::SNS::Topic, Properties: {FifoTopic: true}}
)");
  EXPECT_EQ(change_of(cs, "Topic").replacement, Replacement::True);
  EXPECT_THAT(cs.errors, IsEmpty());
}

TEST(ChangeSet, CustomNameProperty) {
  const auto &reg = schema::Registry::builtin();
  EXPECT_EQ(custom_name_property(*reg.find("AWS::S3::Bucket")), "BucketName");
  EXPECT_EQ(custom_name_property(*reg.find("AWS::SSM::Parameter")), "Name");
  EXPECT_EQ(custom_name_property(*reg.find("AWS::DynamoDB::Table")), "TableName");
  EXPECT_EQ(custom_name_property(*reg.find("AWS::EC2::VPC")), std::nullopt);
}

TEST(ChangeSet, MetadataTagsAndDeletionPolicyScopes) {
  auto deployed = deploy(R"(
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Metadata: {Owner: team-a}
    Properties:
      Tags: [{Key: env, Value: test}]
)");
  ChangeSet cs = plan(deployed, R"(
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Metadata: {Owner: team-b}
    DeletionPolicy: Retain
    Properties:
      Tags: [{Key: env, Value: prod}]
)");
  const ResourceChange &c = change_of(cs, "Bucket");
  EXPECT_EQ(c.replacement, Replacement::False);
  EXPECT_THAT(c.scope, ElementsAre(ResourceAttribute::Tags, ResourceAttribute::Metadata,
                                   ResourceAttribute::DeletionPolicy));
  ASSERT_EQ(c.details.size(), 3u);
  EXPECT_EQ(c.details[0].target.attribute, ResourceAttribute::Tags);
  EXPECT_EQ(c.details[0].target.name, "");
  EXPECT_EQ(c.details[0].target.path, "/Properties/Tags/0/Value");
  EXPECT_EQ(c.details[1].target.path, "/Metadata");
  EXPECT_EQ(render_change_value(*c.details[1].target.after_value), R"({"Owner":"team-b"})");
  EXPECT_EQ(c.details[2].target.attribute_change_type, AttributeChangeType::Add);
}

TEST(ChangeSet, NestedStackIsAlwaysAutomatic) {
  const char *tmpl = R"(
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: "https://example.com/child.yaml"}
)";
  ChangeSet cs = plan(deploy(tmpl), tmpl);
  const ResourceChange &c = change_of(cs, "Child");
  EXPECT_EQ(c.action, ChangeAction::Modify);
  EXPECT_EQ(c.replacement, Replacement::False);
  ASSERT_EQ(c.details.size(), 1u);
  EXPECT_EQ(c.details[0].change_source, ChangeSource::Automatic);
  EXPECT_EQ(c.details[0].evaluation, Evaluation::Dynamic);
}

TEST(ChangeSet, UnknownConditionMakesActionDynamic) {
  const char *tmpl = R"(
Parameters:
  Mode: {Type: String}
Conditions:
  On: !Equals [!Ref Mode, "on"]
Resources:
  Maybe: {Type: AWS::SNS::Topic, Condition: On}
  Sure: {Type: AWS::SQS::Queue}
)";
  auto deployed = deploy(tmpl, {{"Mode", "on"}});
  Template t = testing::yaml_template(tmpl);
  intrinsics::BoundParameters unbound; // Mode left unbound on purpose
  ChangeSet cs = compute_change_set(deployed, t, unbound);
  ASSERT_THAT(ids(cs), ElementsAre("Maybe"));
  EXPECT_EQ(cs.changes[0].action, ChangeAction::Dynamic);
  EXPECT_EQ(cs.changes[0].physical_id, "phys-Maybe");
}

TEST(ChangeSet, NewStackIsAllAdds) {
  Template t = testing::yaml_template(chain("x"));
  ChangeSet cs = compute_change_set(DeployedStack{}, t, {});
  ASSERT_THAT(ids(cs), ElementsAre("A", "B", "C", "D"));
  for (const auto &c : cs.changes) {
    EXPECT_EQ(c.action, ChangeAction::Add);
    EXPECT_THAT(c.details, IsEmpty());
  }
  // B's name is known only once A exists.
  EXPECT_EQ(render_change_value(*change_of(cs, "B").after_properties->find("Name")),
            kKnownAfterApply);
}

TEST(ChangeSet, TypeChangeIsAnError) {
  auto deployed = deploy("Resources:\n  R: {Type: AWS::SNS::Topic}\n");
  ChangeSet cs = plan(deployed, "Resources:\n  R: {Type: AWS::SQS::Queue}\n");
  ASSERT_EQ(cs.errors.size(), 1u);
  EXPECT_EQ(cs.errors[0].message, "Update of resource type is not permitted. The new template "
                                  "modifies resource type of the following resources: [R]");
}

TEST(ChangeSet, ReferenceToRemovedResourceFailsThePlan) {
  auto deployed = deploy(chain("x"));
  EXPECT_THROW(plan(deployed, R"(
Resources:
  B:
    Type: AWS::SSM::Parameter
    Properties: {Name: !Sub "${A}-b", Type: String, Value: b}
)"),
               Error);
}

TEST(ChangeSet, DescribeChangeSetJson) {
  auto deployed = deploy(chain("first"));
  ChangeSet cs = plan(deployed, chain("second"));
  Json changes = changes_to_json(cs);
  ASSERT_EQ(changes.size(), 4u);
  const Json &b = changes[1];
  EXPECT_EQ(b["Type"], "Resource");
  const Json &rc = b["ResourceChange"];
  std::vector<std::string> keys;
  for (auto it = rc.begin(); it != rc.end(); ++it)
    keys.push_back(it.key());
  EXPECT_THAT(keys, ElementsAre("Action", "LogicalResourceId", "PhysicalResourceId", "ResourceType",
                                "Replacement", "Scope", "Details", "PolicyAction", "BeforeContext",
                                "AfterContext"));
  EXPECT_EQ(rc["Action"], "Modify");
  EXPECT_EQ(rc["Replacement"], "True");
  EXPECT_EQ(rc["Scope"], Json::parse(R"(["Properties"])"));
  EXPECT_EQ(rc["PolicyAction"], "ReplaceAndDelete");
  EXPECT_EQ(rc["Details"][1], Json::parse(R"({
    "Target": {"Attribute": "Properties", "Name": "Name", "RequiresRecreation": "Always",
               "Path": "/Properties/Name", "BeforeValue": "phys-A-b",
               "AfterValue": "{{changeSet:KNOWN_AFTER_APPLY}}", "AttributeChangeType": "Modify"},
    "Evaluation": "Static", "ChangeSource": "ResourceReference", "CausingEntity": "A"})"));
  Json after = Json::parse(rc["AfterContext"].get<std::string>());
  EXPECT_EQ(after["Properties"]["Name"], kKnownAfterApply);
  EXPECT_EQ(after["Properties"]["Value"], "b");

  Json added =
      changes_to_json(compute_change_set(DeployedStack{}, testing::yaml_template(kParam), {}));
  const Json &add = added[0]["ResourceChange"];
  EXPECT_EQ(add["Action"], "Add");
  EXPECT_FALSE(add.contains("PhysicalResourceId"));
  EXPECT_FALSE(add.contains("Replacement"));
  EXPECT_EQ(add["Details"], Json::array());
}

} // namespace
} // namespace cfnlocal::planner

namespace cfnlocal::planner {
namespace {

const char *kSecret = R"(
Parameters:
  Password: {Type: String, NoEcho: true}
Resources:
  Secret:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !Sub "pw=${Password}"
      Description: plain
)";

TEST(ChangeSet, NoEchoValuesAreMaskedInRenderings) {
  auto deployed = deploy(kSecret, {{"Password", "hunter2"}});
  ChangeSet cs = plan(deployed, kSecret, {{"Password", "correct-horse"}});
  const ResourceChange &c = change_of(cs, "Secret");
  ASSERT_EQ(c.details.size(), 2u);
  EXPECT_TRUE(c.details[0].target.sensitive);
  EXPECT_EQ(*c.details[0].target.after_value, Value("pw=correct-horse")); // the data keeps it
  std::string json = changes_to_json(cs).dump();
  EXPECT_EQ(json.find("hunter2"), std::string::npos) << json;
  EXPECT_EQ(json.find("correct-horse"), std::string::npos) << json;
  EXPECT_NE(json.find(R"(\"Description\":\"plain\")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("AfterValue":"****")"), std::string::npos) << json;
  EXPECT_EQ(c.details[1].causing_entity, "Password");
}

TEST(ChangeSet, DeleteThenCreateTypesMayKeepTheirName) {
  const char *tmpl = R"(
Resources:
  Cap:
    Type: AWS::EKS::Capability
    Properties: {CapabilityName: argo, ClusterName: %s, Type: ARGOCD, RoleArn: arn:aws:iam::1:role/r}
)";
  char before[512], after[512];
  std::snprintf(before, sizeof before, tmpl, "one");
  std::snprintf(after, sizeof after, tmpl, "two");
  ChangeSet cs = plan(deploy(before), after);
  const ResourceChange &c = change_of(cs, "Cap");
  EXPECT_EQ(c.replacement, Replacement::True);
  EXPECT_TRUE(c.delete_then_create);
  EXPECT_THAT(cs.errors, IsEmpty()); // the old one is deleted before the new one takes the name
}

TEST(ChangeSet, ChangedOutputs) {
  const char *before = R"(
Resources:
  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: a}}
Outputs:
  Name: {Value: !GetAtt Topic.TopicName}
  Fixed: {Value: same}
  Gone: {Value: bye}
)";
  auto deployed = deploy(before);
  ChangeSet same = plan(deployed, before);
  EXPECT_TRUE(same.empty());
  EXPECT_THAT(same.changed_outputs, IsEmpty());

  ChangeSet outputs_only = plan(deployed, R"(
Resources:
  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: a}}
Outputs:
  Name: {Value: !GetAtt Topic.TopicName}
  Fixed: {Value: other}
  New: {Value: hello, Export: {Name: exported}}
)");
  EXPECT_TRUE(outputs_only.empty());
  EXPECT_THAT(outputs_only.changed_outputs, ElementsAre("Fixed", "New", "Gone"));

  ChangeSet replaced = plan(deployed, R"(
Resources:
  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: b}}
Outputs:
  Name: {Value: !GetAtt Topic.TopicName}
  Fixed: {Value: same}
  Gone: {Value: bye}
)");
  EXPECT_THAT(replaced.changed_outputs, ElementsAre("Name"));
}

TEST(ChangeSet, CustomResourceServiceTokenCannotChange) {
  const char *tmpl = R"(
Resources:
  Custom:
    Type: Custom::Thing
    Properties: {ServiceToken: %s, Size: 1}
)";
  char before[512], after[512];
  std::snprintf(before, sizeof before, tmpl, "arn:aws:lambda:us-east-1:1:function:a");
  std::snprintf(after, sizeof after, tmpl, "arn:aws:lambda:us-east-1:1:function:b");
  ChangeSet cs = plan(deploy(before), after);
  EXPECT_EQ(change_of(cs, "Custom").replacement, Replacement::False); // no schema: in place
  ASSERT_EQ(cs.errors.size(), 1u);
  EXPECT_EQ(cs.errors[0].message, "Modifying service token is not allowed.");
}

TEST(ChangeSet, ExecutionLists) {
  auto deployed = deploy(kFlip, {{"Env", "prod"}});
  ChangeSet cs = plan(deployed, kFlip, {{"Env", "dev"}});
  EXPECT_THAT(cs.update_ids(), ElementsAre("Always", "DevOnly"));
  EXPECT_THAT(cs.cleanup_ids(), ElementsAre("ProdOnly"));
  ChangeSet chained = plan(deploy(chain("a")), chain("b"));
  EXPECT_THAT(chained.cleanup_ids(), ElementsAre("A", "B", "C"));
}

} // namespace
} // namespace cfnlocal::planner
