// Listeners of the embedded Elastic Load Balancing v2: CreateListener, DescribeListeners,
// ModifyListener, DeleteListener, AddListenerCertificates, RemoveListenerCertificates,
// DescribeListenerCertificates ("Listeners for your Application Load Balancers", "... Network
// Load Balancers", "... Gateway Load Balancers"). HTTPS and TLS listeners need a certificate of
// the embedded ACM (service "acm", kind "certificate", keyed by its ARN).
#include "services/embedded/elbv2_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace cfnlocal::services::embedded::elbv2 {
namespace {

// The security policies ELB offers for HTTPS and TLS listeners ("Security policies for your
// Application Load Balancer"); the default is the first.
const std::set<std::string, std::less<>> &ssl_policies() {
  static const std::set<std::string, std::less<>> set = {
      "ELBSecurityPolicy-TLS13-1-2-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
      "ELBSecurityPolicy-TLS13-1-1-2021-06",
      "ELBSecurityPolicy-TLS13-1-0-2021-06",
      "ELBSecurityPolicy-TLS13-1-3-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
      "ELBSecurityPolicy-FS-1-2-Res-2020-10",
      "ELBSecurityPolicy-FS-1-2-Res-2019-08",
      "ELBSecurityPolicy-FS-1-2-2019-08",
      "ELBSecurityPolicy-FS-1-1-2019-08",
      "ELBSecurityPolicy-FS-2018-06",
      "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
      "ELBSecurityPolicy-TLS-1-2-2017-01",
      "ELBSecurityPolicy-TLS-1-1-2017-01",
      "ELBSecurityPolicy-2016-08",
      "ELBSecurityPolicy-2015-05",
  };
  return set;
}
constexpr std::string_view kDefaultSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

bool secure(const std::string &protocol) { return protocol == "HTTPS" || protocol == "TLS"; }

void check_certificate(Context &c, const std::string &arn) {
  if (!c.store.get_record("acm", "certificate", arn))
    fail("CertificateNotFound", fmt::format("Certificate '{}' not found", arn));
}

Json listener_of(Context &c, const std::string &arn) { return load(c, "listener", arn); }

// Applies Protocol, Port, SslPolicy, Certificates, AlpnPolicy and DefaultActions of `input` to
// `listener` (all on create; the given ones on modify), checking them against `lb`.
void apply(Context &c, Json &listener, const Json &lb, const Json &input, bool creating) {
  std::string type = lb.value("Type", "");
  std::string lb_arn = lb.value("LoadBalancerArn", "");
  if (type == "gateway") {
    for (const char *member : {"Protocol", "Port", "SslPolicy", "Certificates", "AlpnPolicy"})
      if (input.contains(member) && !input[member].is_null())
        invalid(fmt::format("A {} cannot be specified for listeners of Gateway Load Balancers",
                            lower_camel(member)));
  } else {
    std::string protocol =
        optional_string(input, "Protocol").value_or(listener.value("Protocol", ""));
    if (protocol.empty())
      invalid("A listener protocol must be specified");
    bool ok = type == "application" ? (protocol == "HTTP" || protocol == "HTTPS")
                                    : (protocol == "TCP" || protocol == "TLS" ||
                                       protocol == "UDP" || protocol == "TCP_UDP");
    if (!ok)
      fail("UnsupportedProtocol",
           fmt::format("Protocol '{}' is not supported for listeners of load balancers of type "
                       "'{}'",
                       protocol, type));
    auto port = bounded_int(input, "Port", 1, 65535);
    if (!port && !listener.contains("Port"))
      invalid("A listener port must be specified");
    int64_t new_port = port ? *port : listener["Port"].get<int64_t>();
    for (const auto &other : all(c, "listener"))
      if (other.value("LoadBalancerArn", "") == lb_arn &&
          other.value("ListenerArn", "") != listener.value("ListenerArn", "") &&
          other.value("Port", int64_t{0}) == new_port)
        fail("DuplicateListener", "A listener already exists on this port for this load balancer");
    bool protocol_changed = listener.value("Protocol", "") != protocol;
    listener["Protocol"] = protocol;
    listener["Port"] = new_port;

    if (input.contains("Certificates") && !input["Certificates"].is_null()) {
      const Json &certs = input["Certificates"];
      if (!secure(protocol))
        fail("InvalidConfigurationRequest",
             fmt::format("Certificates cannot be specified for {} listeners", protocol));
      if (!certs.is_array() || certs.size() != 1)
        fail("TooManyCertificates", "A listener's default certificate must be exactly one "
                                    "certificate");
      std::string arn = certs[0].value("CertificateArn", "");
      check_certificate(c, arn);
      listener["Certificates"] = Json::array({{{"CertificateArn", arn}}});
    }
    if (secure(protocol)) {
      if (!listener.contains("Certificates"))
        fail("CertificateNotFound",
             fmt::format("A certificate must be specified for {} listeners", protocol));
      std::string policy =
          optional_string(input, "SslPolicy")
              .value_or(listener.value("SslPolicy", std::string(kDefaultSslPolicy)));
      if (!ssl_policies().count(policy))
        fail("SSLPolicyNotFound", fmt::format("SSL policy '{}' not found", policy));
      listener["SslPolicy"] = policy;
    } else {
      if (input.contains("SslPolicy") && !input["SslPolicy"].is_null())
        fail("InvalidConfigurationRequest",
             fmt::format("An SSL policy cannot be specified for {} listeners", protocol));
      listener.erase("Certificates");
      listener.erase("SslPolicy");
      listener.erase("_ExtraCertificates");
    }
    if (input.contains("AlpnPolicy") && !input["AlpnPolicy"].is_null()) {
      auto alpn = strings(input, "AlpnPolicy");
      static const std::set<std::string> kAlpn = {"HTTP1Only", "HTTP2Only", "HTTP2Optional",
                                                  "HTTP2Preferred", "None"};
      if (protocol != "TLS")
        fail("ALPNPolicyNotFound", "ALPN policies are supported only for TLS listeners");
      if (alpn.size() != 1 || !kAlpn.count(alpn[0]))
        fail("ALPNPolicyNotFound",
             fmt::format("ALPN policy '{}' not found", alpn.empty() ? "" : alpn[0]));
      listener["AlpnPolicy"] = Json::array({alpn[0]});
    } else if (protocol != "TLS") {
      listener.erase("AlpnPolicy");
    }
    if (protocol_changed && !creating && !input.contains("DefaultActions"))
      listener["DefaultActions"] = checked_actions(c, listener["DefaultActions"], type, lb_arn,
                                                   lb.value("VpcId", ""), protocol);
  }
  if (creating || (input.contains("DefaultActions") && !input["DefaultActions"].is_null()))
    listener["DefaultActions"] =
        checked_actions(c, input.value("DefaultActions", Json()), type, lb_arn,
                        lb.value("VpcId", ""), listener.value("Protocol", "GENEVE"));
}

// ---- operations ----------------------------------------------------------------------------

Json create_listener(Context &c, const Json &input) {
  std::string lb_arn = required(input, "LoadBalancerArn");
  Json lb = load(c, "load-balancer", lb_arn);
  size_t count = 0;
  for (const auto &l : all(c, "listener"))
    count += l.value("LoadBalancerArn", "") == lb_arn;
  if (count >= 50)
    fail("TooManyListeners", "You've reached the limit on the number of listeners per load "
                             "balancer");
  // "arn:...:loadbalancer/app/NAME/ID" -> "listener/app/NAME/ID/LISTENER".
  std::string lb_path = lb_arn.substr(lb_arn.find(":loadbalancer/") + 14);
  std::string id = new_id();
  Json listener = {{"ListenerArn", arn_of(c, fmt::format("listener/{}/{}", lb_path, id))},
                   {"LoadBalancerArn", lb_arn}};
  apply(c, listener, lb, input, true);
  listener["_DefaultRuleArn"] =
      arn_of(c, fmt::format("listener-rule/{}/{}/{}", lb_path, id, new_id()));
  std::string arn = listener["ListenerArn"];
  add_tags(c, arn, input.value("Tags", Json()));
  save(c, "listener", arn, listener);
  return {{"Listeners", {shown(listener)}}};
}

Json describe_listeners(Context &c, const Json &input) {
  auto arns = strings(input, "ListenerArns");
  auto lb = optional_string(input, "LoadBalancerArn");
  if (arns.empty() && !lb)
    invalid("You must specify either listener ARNs or a load balancer ARN");
  if (!arns.empty() && lb)
    invalid("Listener ARNs and a load balancer ARN cannot be specified at the same time");
  std::vector<Json> items;
  if (lb) {
    load(c, "load-balancer", *lb);
    for (const auto &l : all(c, "listener"))
      if (l.value("LoadBalancerArn", "") == *lb)
        items.push_back(shown(l));
  } else {
    for (const auto &arn : arns)
      items.push_back(shown(listener_of(c, arn)));
  }
  Json out = Json::object();
  out["Listeners"] = page(input, items, out);
  return out;
}

Json modify_listener(Context &c, const Json &input) {
  std::string arn = required(input, "ListenerArn");
  Json listener = listener_of(c, arn);
  Json lb = load(c, "load-balancer", listener.value("LoadBalancerArn", ""));
  apply(c, listener, lb, input, false);
  save(c, "listener", arn, listener);
  return {{"Listeners", {shown(listener)}}};
}

Json delete_listener(Context &c, const Json &input) {
  std::string arn = required(input, "ListenerArn");
  listener_of(c, arn);
  for (const auto &r : all(c, "rule"))
    if (r.value("_ListenerArn", "") == arn)
      erase(c, "rule", r.value("RuleArn", ""));
  erase(c, "listener", arn);
  return Json::object();
}

Json certificate_list(const Json &input) {
  Json certs = input.value("Certificates", Json::array());
  if (!certs.is_array() || certs.empty())
    invalid("At least one certificate must be specified");
  return certs;
}

Json add_certificates(Context &c, const Json &input) {
  std::string arn = required(input, "ListenerArn");
  Json listener = listener_of(c, arn);
  if (!secure(listener.value("Protocol", "")))
    fail("InvalidConfigurationRequest",
         fmt::format("Certificates can be added only to HTTPS and TLS listeners, not to {} "
                     "listeners",
                     listener.value("Protocol", "")));
  Json &extra = listener["_ExtraCertificates"];
  if (!extra.is_array())
    extra = Json::array();
  Json added = Json::array();
  for (const auto &cert : certificate_list(input)) {
    std::string cert_arn = cert.value("CertificateArn", "");
    check_certificate(c, cert_arn);
    Json entry = {{"CertificateArn", cert_arn}, {"IsDefault", false}};
    bool is_default = listener["Certificates"][0].value("CertificateArn", "") == cert_arn;
    if (!is_default && std::find(extra.begin(), extra.end(), entry) == extra.end())
      extra.push_back(entry);
    added.push_back(entry);
  }
  if (extra.size() > 25)
    fail("TooManyCertificates", "You've reached the limit on the number of certificates per "
                                "load balancer");
  save(c, "listener", arn, listener);
  return {{"Certificates", added}};
}

Json remove_certificates(Context &c, const Json &input) {
  std::string arn = required(input, "ListenerArn");
  Json listener = listener_of(c, arn);
  Json &extra = listener["_ExtraCertificates"];
  if (!extra.is_array())
    extra = Json::array();
  for (const auto &cert : certificate_list(input)) {
    std::string cert_arn = cert.value("CertificateArn", "");
    if (listener.contains("Certificates") &&
        listener["Certificates"][0].value("CertificateArn", "") == cert_arn)
      fail("OperationNotPermitted", "The default certificate of a listener cannot be removed");
    extra.erase(
        std::remove_if(extra.begin(), extra.end(),
                       [&](const Json &e) { return e.value("CertificateArn", "") == cert_arn; }),
        extra.end());
  }
  save(c, "listener", arn, listener);
  return Json::object();
}

Json describe_certificates(Context &c, const Json &input) {
  Json listener = listener_of(c, required(input, "ListenerArn"));
  std::vector<Json> items;
  for (const auto &cert : listener.value("Certificates", Json::array()))
    items.push_back({{"CertificateArn", cert["CertificateArn"]}, {"IsDefault", true}});
  for (const auto &cert : listener.value("_ExtraCertificates", Json::array()))
    items.push_back(cert);
  Json out = Json::object();
  out["Certificates"] = page(input, items, out);
  return out;
}

} // namespace

const HandlerTable &listener_handlers() {
  static const HandlerTable table = {
      {"CreateListener", create_listener},
      {"DescribeListeners", describe_listeners},
      {"ModifyListener", modify_listener},
      {"DeleteListener", delete_listener},
      {"AddListenerCertificates", add_certificates},
      {"RemoveListenerCertificates", remove_certificates},
      {"DescribeListenerCertificates", describe_certificates},
  };
  return table;
}

} // namespace cfnlocal::services::embedded::elbv2
