// Real templates from the aws-cloudformation-templates collection (Apache-2.0, see LICENSE.txt in
// data/corpus), each deployed to CREATE_COMPLETE and deleted to DELETE_COMPLETE on the embedded
// services, with the parameter values scripts/corpus/parameter_values.py chose for them.
#include "engine_fixture.h"

#include "parser/json.h"
#include "parser/reader.h"
#include "services/backend.h"

#include <filesystem>
#include <regex>

using namespace cfnlocal;
using namespace cfnlocal::engine;
using namespace cfnlocal::engine::testing;

namespace {

std::string corpus_dir() { return std::string(CFNLOCAL_TEST_DATA) + "/corpus"; }

std::vector<std::string> corpus_files() {
  std::vector<std::string> out;
  for (const auto &entry : std::filesystem::directory_iterator(corpus_dir())) {
    auto name = entry.path().filename().string();
    if (name != "parameters.json" && (name.ends_with(".yaml") || name.ends_with(".yml") ||
                                      name.ends_with(".json") || name.ends_with(".template")))
      out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

class CorpusDeploy : public EngineTest, public ::testing::WithParamInterface<std::string> {};

} // namespace

TEST_P(CorpusDeploy, CreatesAndDeletes) {
  Value parameters = parse_json(read_file_text(corpus_dir() + "/parameters.json"));
  Engine engine(config_);
  DeployOptions o;
  o.stack_name = "corpus";
  o.template_file = corpus_dir() + "/" + GetParam();
  o.capabilities = {"CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"};
  // Parameters naming EC2 networking resources name the account's default VPC's (a deploy
  // fails unless they exist, as in AWS), as scripts/corpus/deploy_corpus.py passes them.
  auto &ec2 = engine.backend();
  Json in_default = {{"Filters", Json::array({{{"Name", "is-default"}, {"Values", {"true"}}}})}};
  std::string vpc = ec2.call("ec2", "DescribeVpcs", in_default)["Vpcs"][0]["VpcId"];
  Json in_vpc = {{"Filters", Json::array({{{"Name", "vpc-id"}, {"Values", {vpc}}}})}};
  Json subnets = ec2.call("ec2", "DescribeSubnets", in_vpc)["Subnets"];
  Json groups = ec2.call("ec2", "DescribeSecurityGroups", in_vpc)["SecurityGroups"];
  // Each parameter naming subnets starts at another subnet: two Subnet parameters naming the same
  // subnet would put a load balancer twice in one zone, which ELB refuses, as in AWS.
  size_t subnet_parameters = 0;
  auto existing = [&](const std::string &value) {
    size_t offset =
        value.find("subnet-0123456789abcdef") != std::string::npos ? subnet_parameters++ : 0;
    static const std::regex placeholder("(vpc|subnet|sg)-0123456789abcdef([0-9a-f])");
    std::string out;
    auto last = value.cbegin();
    for (std::sregex_iterator it(value.begin(), value.end(), placeholder), end; it != end; ++it) {
      out.append(last, (*it)[0].first);
      size_t n = std::stoul((*it)[2].str(), nullptr, 16);
      std::string kind = (*it)[1];
      out += kind == "vpc" ? vpc
             : kind == "subnet"
                 ? subnets[(n + offset) % subnets.size()]["SubnetId"].get<std::string>()
                 : groups[0]["GroupId"].get<std::string>();
      last = (*it)[0].second;
    }
    return out.append(last, value.cend());
  };
  // A parameter naming an AWS IoT certificate names one that exists (IoT refuses attachments to
  // certificates it does not have, as in AWS): the placeholder "...:cert/000...0" becomes one.
  const std::string cert_placeholder =
      "arn:aws:iot:us-east-1:123456789012:cert/" + std::string(64, '0');
  if (const Value *p = parameters.find(GetParam()))
    for (const auto &m : p->as_object())
      o.parameter_overrides[m.key] = m.value.as_string() == cert_placeholder
                                         ? ec2.call("iot", "CreateKeysAndCertificate",
                                                    Json{{"setAsActive", true}})["certificateArn"]
                                               .get<std::string>()
                                         : existing(m.value.as_string());
  // Certificate ARNs name a certificate of the embedded ACM (HTTPS listeners need one that
  // exists, as in AWS); IoT certificates are IoT's.
  for (auto &[name, value] : o.parameter_overrides)
    if (name.find("Certificate") != std::string::npos && value.starts_with("arn:") &&
        !value.starts_with("arn:aws:iot:"))
      value = ec2.call("acm", "RequestCertificate",
                       {{"DomainName", "corpus.example.com"}})["CertificateArn"];
  QuietReporter quiet;
  auto created = engine.deploy(o, quiet);
  ASSERT_TRUE(created.succeeded) << created.message;
  EXPECT_EQ(created.stack.status, "CREATE_COMPLETE");
  auto deleted = engine.delete_stack({"corpus", {}}, quiet);
  ASSERT_TRUE(deleted.succeeded) << deleted.message;
  EXPECT_EQ(deleted.stack.status, "DELETE_COMPLETE");
  for (const auto &r : engine.store().list_resources(created.stack.stack_id))
    EXPECT_TRUE(r.status == "DELETE_COMPLETE" || r.status == "DELETE_SKIPPED") << r.logical_id;
}

INSTANTIATE_TEST_SUITE_P(Templates, CorpusDeploy, ::testing::ValuesIn(corpus_files()),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           std::string name;
                           for (char c : info.param)
                             name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });
