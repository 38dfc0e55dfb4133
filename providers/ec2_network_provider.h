#pragma once
/// \file
/// The AWS::EC2 networking types on Amazon EC2's own operations (each type's page of the
/// CloudFormation resource reference; Amazon EC2 API Reference):
/// - VPC: CreateVpc, then ModifyVpcAttribute for EnableDnsSupport / EnableDnsHostnames; update
///   changes those attributes and tags; DeleteVpc. Read-only: VpcId, CidrBlockAssociations,
///   DefaultNetworkAcl, DefaultSecurityGroup, Ipv6CidrBlocks.
/// - VPCCidrBlock: AssociateVpcCidrBlock / DisassociateVpcCidrBlock (IPv4 or Amazon-provided
///   IPv6). Physical ID "ASSOCIATION|VPC"; Ref the association id.
/// - Subnet: CreateSubnet, then ModifySubnetAttribute (MapPublicIpOnLaunch,
///   AssignIpv6AddressOnCreation, EnableDns64, PrivateDnsNameOptionsOnLaunch) on create and
///   update; DeleteSubnet. Read-only: SubnetId, NetworkAclAssociationId, Ipv6CidrBlocks; the
///   zone EC2 picked when the template names none.
/// - SecurityGroup: CreateSecurityGroup (a generated name when GroupName is absent; the default
///   VPC when VpcId is), its rules with Authorize/Revoke ingress and egress (the default egress
///   rule replaced when SecurityGroupEgress is given); updates diff the template's rules
///   before and after, leaving rules of other resources alone. Ref and GetAtt GroupId: the id.
/// - SecurityGroupIngress / SecurityGroupEgress: one rule each (Id: the security group rule
///   id); Description updates with UpdateSecurityGroupRuleDescriptions*.
/// - InternetGateway, RouteTable: Create/Delete, tags. VPCGatewayAttachment: Attach/Detach
///   InternetGateway (physical ID "IGW|VPC"; attachments of VPN gateways, which the embedded EC2
///   does not model, are kept as records by the generic provider).
/// - Route: CreateRoute / ReplaceRoute (target changes) / DeleteRoute; physical ID
///   "TABLE|DESTINATION". SubnetRouteTableAssociation: AssociateRouteTable /
///   DisassociateRouteTable; Id the association id.
/// - EIP: AllocateAddress / ReleaseAddress; physical ID "PUBLICIP|ALLOCATION"; Ref the public IP.
/// - NatGateway: CreateNatGateway / DeleteNatGateway; read-only NatGatewayId, EniId.
/// - VPCEndpoint: CreateVpcEndpoint / ModifyVpcEndpoint (route tables, subnets, security groups,
///   policy, private DNS diffed) / DeleteVpcEndpoints; read-only Id, CreationTimestamp,
///   DnsEntries ("ZONE:NAME"), NetworkInterfaceIds.
/// - VPCEndpointService: CreateVpcEndpointServiceConfiguration / Modify... (load balancers,
///   acceptance, IP address types, regions diffed) / DeleteVpcEndpointServiceConfigurations;
///   Ref and GetAtt ServiceId. VPCEndpointServicePermissions: Modify/Describe
///   VpcEndpointServicePermissions (the resource's principals added and removed); Ref ServiceId.
/// - VPCPeeringConnection: CreateVpcPeeringConnection, accepted at once between VPCs of the
///   stack's account and region (one to another account or region stays pending-acceptance);
///   a request EC2 fails (overlapping CIDR blocks) fails the resource; tags update in place;
///   DeleteVpcPeeringConnection. Ref and GetAtt Id: the pcx id.
/// - KeyPair: ImportKeyPair (PublicKeyMaterial) or CreateKeyPair with the private key stored in
///   the SecureString SSM parameter "/ec2/keypair/KEY_PAIR_ID"; Ref the name; GetAtt
///   KeyPairId, KeyFingerprint; every property create-only.
/// EC2's errors come back as FAILED events with EC2's message; createOnly changes replace (the
/// engine's part).

#include "providers/generic_provider.h"

#include <vector>

namespace cfnlocal::providers {

/// One provider for the types above; `type_name` of each request picks the behaviour.
class Ec2NetworkProvider : public GenericProvider {
public:
  using GenericProvider::GenericProvider;

  ProgressEvent create(const ResourceHandlerRequest &request) override;
  ProgressEvent read(const ResourceHandlerRequest &request) override;
  ProgressEvent update(const ResourceHandlerRequest &request) override;
  ProgressEvent remove(const ResourceHandlerRequest &request) override;
  ProgressEvent list(const ResourceHandlerRequest &request) override;
  /// As GenericProvider's, except that a VPC's Ipv6CidrBlocks and CidrBlockAssociations are
  /// read from EC2 when asked (AWS::EC2::VPCCidrBlock resources add to them after the VPC's
  /// create), and a Subnet's OutpostArn is "" outside an Outpost.
  std::optional<Value> get_att(const ResourceHandlerRequest &request, const Value &model,
                               std::string_view attribute) const override;

  /// The types it serves.
  static const std::vector<std::string> &types();
};

} // namespace cfnlocal::providers
