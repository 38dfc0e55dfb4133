#include "services/embedded/ssm_public.h"

#include "services/embedded/context.h"

#include <fmt/format.h>

#include <algorithm>

namespace cfnlocal::services::embedded {

namespace {

constexpr std::string_view kAmazonLinux = "/aws/service/ami-amazon-linux-latest/";
constexpr std::string_view kEcs = "/aws/service/ecs/optimized-ami/";

std::vector<std::string> build_names() {
  std::vector<std::string> names;
  for (const char *image : {"amzn2-ami-hvm-x86_64-gp2",
                            "amzn2-ami-hvm-x86_64-ebs",
                            "amzn2-ami-hvm-arm64-gp2",
                            "amzn2-ami-hvm-arm64-ebs",
                            "amzn2-ami-kernel-5.10-hvm-x86_64-gp2",
                            "amzn2-ami-kernel-5.10-hvm-arm64-gp2",
                            "amzn2-ami-kernel-5.10-hvm-x86_64-ebs",
                            "amzn2-ami-minimal-hvm-x86_64-ebs",
                            "amzn2-ami-minimal-hvm-arm64-ebs",
                            "amzn-ami-hvm-x86_64-gp2",
                            "amzn-ami-hvm-x86_64-ebs",
                            "amzn-ami-minimal-hvm-x86_64-ebs",
                            "al2023-ami-kernel-6.1-x86_64",
                            "al2023-ami-kernel-6.1-arm64",
                            "al2023-ami-kernel-default-x86_64",
                            "al2023-ami-kernel-default-arm64",
                            "al2023-ami-minimal-kernel-6.1-x86_64",
                            "al2023-ami-minimal-kernel-6.1-arm64",
                            "al2023-ami-minimal-kernel-default-x86_64",
                            "al2023-ami-minimal-kernel-default-arm64"})
    names.push_back(std::string(kAmazonLinux) + image);
  for (const char *variant :
       {"amazon-linux-2", "amazon-linux-2/arm64", "amazon-linux-2/gpu", "amazon-linux-2/inf",
        "amazon-linux-2/kernel-5.10", "amazon-linux-2/kernel-5.10/arm64", "amazon-linux-2023",
        "amazon-linux-2023/arm64", "amazon-linux-2023/gpu", "amazon-linux",
        "windows_server/2022/english/full", "windows_server/2019/english/full"}) {
    std::string base = std::string(kEcs) + variant + "/recommended";
    names.push_back(base);
    names.push_back(base + "/image_id");
    names.push_back(base + "/image_name");
  }
  for (const char *version : {"1.27", "1.28", "1.29", "1.30", "1.31"}) {
    for (const char *variant : {"amazon-linux-2", "amazon-linux-2-arm64", "amazon-linux-2-gpu"})
      names.push_back(fmt::format("/aws/service/eks/optimized-ami/{}/{}/recommended/image_id",
                                  version, variant));
    for (const char *variant : {"x86_64/standard", "arm64/standard"})
      names.push_back(
          fmt::format("/aws/service/eks/optimized-ami/{}/amazon-linux-2023/{}/recommended/image_id",
                      version, variant));
  }
  for (const char *image :
       {"Windows_Server-2022-English-Full-Base", "Windows_Server-2022-English-Core-Base",
        "Windows_Server-2019-English-Full-Base", "Windows_Server-2019-English-Core-Base",
        "Windows_Server-2016-English-Full-Base", "Windows_Server-2016-English-Core-Base",
        "Windows_Server-2022-English-Full-SQL_2022_Web",
        "Windows_Server-2022-English-Full-SQL_2022_Standard",
        "Windows_Server-2022-English-Full-SQL_2022_Express",
        "Windows_Server-2019-English-Full-SQL_2019_Standard",
        "Windows_Server-2019-English-Full-SQL_2019_Web",
        "Windows_Server-2019-English-Full-ContainersLatest",
        "Windows_Server-2022-English-Full-ContainersLatest"})
    names.push_back(std::string("/aws/service/ami-windows-latest/") + image);
  for (const char *release : {"20.04", "22.04", "24.04"})
    for (const char *arch : {"amd64", "arm64"})
      names.push_back(
          fmt::format("/aws/service/canonical/ubuntu/server/{}/stable/current/{}/hvm/{}/ami-id",
                      release, arch, std::string_view(release) == "24.04" ? "ebs-gp3" : "ebs-gp2"));
  for (const char *k8s : {"1.28", "1.29", "1.30"})
    names.push_back(fmt::format(
        "/aws/service/canonical/ubuntu/eks-pro/22.04/{}/stable/current/amd64/hvm/ebs-gp2/ami-id",
        k8s));
  for (const char *release : {"10", "11", "12"})
    for (const char *arch : {"amd64", "arm64"})
      names.push_back(fmt::format("/aws/service/debian/release/{}/latest/{}", release, arch));
  for (const char *variant :
       {"aws-ecs-2/x86_64", "aws-ecs-2/arm64", "aws-k8s-1.29/x86_64", "aws-k8s-1.29/arm64"})
    names.push_back(fmt::format("/aws/service/bottlerocket/{}/latest/image_id", variant));
  std::sort(names.begin(), names.end());
  return names;
}

std::string ami_id(std::string_view region, std::string_view name) {
  // The image a name points at differs per region, as real AMI ids do.
  return "ami-0" + sha256_hex(std::string(region) + "|" + std::string(name)).substr(0, 16);
}

std::string image_name(std::string_view name) {
  if (name.find("amazon-linux-2023") != std::string_view::npos)
    return "al2023-ami-ecs-hvm-2023.0.20260110-kernel-6.1-x86_64";
  if (name.find("windows_server") != std::string_view::npos)
    return "Windows_Server-2022-English-Full-ECS_Optimized-2026.01.15";
  return "amzn2-ami-ecs-hvm-2.0.20260110-x86_64-ebs";
}

} // namespace

const std::vector<std::string> &public_parameter_names() {
  static const std::vector<std::string> names = build_names();
  return names;
}

std::optional<Json> public_parameter(std::string_view region, std::string_view name) {
  const auto &names = public_parameter_names();
  if (!std::binary_search(names.begin(), names.end(), name))
    return std::nullopt;
  std::string value;
  std::string data_type = "aws:ec2:image";
  if (name.ends_with("/recommended")) {
    std::string base(name);
    value =
        Json{{"schema_version", 1},
             {"image_name", image_name(name)},
             {"image_id", ami_id(region, base + "/image_id")},
             {"os", name.find("windows") != std::string_view::npos ? "Windows" : "Amazon Linux"},
             {"ecs_runtime_version", "Docker version 25.0.6"},
             {"ecs_agent_version", "1.89.2"}}
            .dump();
    data_type = "text";
  } else if (name.ends_with("/image_name")) {
    value = image_name(name);
    data_type = "text";
  } else {
    value = ami_id(region, name);
  }
  // A version number that looks like a few years of weekly releases.
  int version = 40 + static_cast<int>(std::stoul(sha256_hex(name).substr(0, 4), nullptr, 16) % 80);
  return Json{{"Name", name},
              {"Type", "String"},
              {"Value", value},
              {"Version", version},
              {"DataType", data_type},
              {"Tier", "Standard"},
              {"LastModifiedDate", "2026-01-15T00:00:00.000Z"},
              {"Public", true}};
}

} // namespace cfnlocal::services::embedded
