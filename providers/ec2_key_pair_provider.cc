// AWS::EC2::KeyPair on EC2's key pair operations (see ec2_network_provider.h). A key pair made
// from PublicKeyMaterial is imported; otherwise EC2 creates one and its private key goes to the
// SecureString parameter "/ec2/keypair/KEY_PAIR_ID" of Systems Manager, where CloudFormation
// keeps it ("Create a key pair using AWS CloudFormation", Amazon EC2 User Guide), deleted with
// the key pair.
#include "providers/ec2_provider_parts.h"

#include "services/backend.h"

namespace cfnlocal::providers::ec2 {
namespace {

std::string parameter_name(const std::string &key_pair_id) { return "/ec2/keypair/" + key_pair_id; }

Json create_key_pair(Call &call, Json p) {
  std::string name = text(p, "KeyName");
  Json in = {{"KeyName", name}};
  if (Json specs = tag_specifications(p, "key-pair"); !specs.empty())
    in["TagSpecifications"] = specs;
  std::string material = text(p, "PublicKeyMaterial");
  if (!material.empty()) {
    in["PublicKeyMaterial"] = material;
    Json out = call.ec2("ImportKeyPair", in);
    p["KeyPairId"] = out.value("KeyPairId", "");
    p["KeyFingerprint"] = out.value("KeyFingerprint", "");
    return p;
  }
  for (const char *m : {"KeyType", "KeyFormat"})
    if (auto v = text(p, m); !v.empty())
      in[m] = v;
  Json out = call.ec2("CreateKeyPair", in);
  std::string id = out.value("KeyPairId", "");
  try {
    call.backend.call("ssm", "PutParameter",
                      {{"Name", parameter_name(id)},
                       {"Value", out.value("KeyMaterial", "")},
                       {"Type", "SecureString"},
                       {"Description", "The private key of EC2 key pair " + name}});
  } catch (const services::ServiceError &) {
    call.ec2("DeleteKeyPair", {{"KeyPairId", id}});
    throw;
  }
  p["KeyPairId"] = id;
  p["KeyFingerprint"] = out.value("KeyFingerprint", "");
  return p;
}

std::optional<Json> read_key_pair(Call &call, const std::string &name) {
  auto k = describe_one(call, "DescribeKeyPairs", {{"KeyNames", Json::array({name})}}, "KeyPairs");
  if (!k)
    return std::nullopt;
  Json model = {{"KeyName", name},
                {"KeyPairId", k->value("KeyPairId", "")},
                {"KeyFingerprint", k->value("KeyFingerprint", "")},
                {"KeyType", k->value("KeyType", "rsa")}};
  if (Json tags = k->value("Tags", Json::array()); !tags.empty())
    model["Tags"] = tags;
  return model;
}

// Every property is create-only: a change replaces the key pair (the engine's part).
Json update_key_pair(Call &, const std::string &, const Json &, const Json &) {
  return Json::object();
}

void remove_key_pair(Call &call, const std::string &name, const Json &model) {
  std::string id = text(model, "KeyPairId");
  if (id.empty())
    if (auto now = read_key_pair(call, name))
      id = text(*now, "KeyPairId");
  call.ec2("DeleteKeyPair", {{"KeyName", name}});
  if (id.empty())
    return;
  try {
    call.backend.call("ssm", "DeleteParameter", {{"Name", parameter_name(id)}});
  } catch (const services::ServiceError &e) {
    // Imported key pairs have no parameter.
    if (e.code() != "ParameterNotFound")
      throw;
  }
}

} // namespace

const TypeSteps &key_pair_steps() {
  static const TypeSteps steps{create_key_pair, read_key_pair, update_key_pair, remove_key_pair};
  return steps;
}

} // namespace cfnlocal::providers::ec2
