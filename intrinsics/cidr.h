#pragma once
/// \file
/// Fn::Cidr's computation: carve consecutive subnets out of an IPv4 or IPv6 block. Follows
/// "Fn::Cidr" in the AWS CloudFormation User Guide.

#include "parser/mark.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cfnlocal::intrinsics {

/// Returns `count` CIDR blocks of prefix length (32 or 128) - `cidr_bits`, consecutive from the
/// start of `ip_block` ("10.0.0.0/16", "2001:db8::/56"); host bits of the block are ignored. IPv6
/// results are written in the compressed form ("2001:db8:0:1::/64").
/// Throws cfnlocal::Error at `mark` when the block is not a CIDR, `count` is outside 1..256,
/// `cidr_bits` is outside 0..(width - block prefix), or the block holds fewer than `count` subnets.
std::vector<std::string> compute_cidr(std::string_view ip_block, int64_t count, int64_t cidr_bits,
                                      const Mark &mark = {});

} // namespace cfnlocal::intrinsics
