#pragma once
/// \file
/// The short content hash the SAM translator puts in the logical IDs it derives from values (its
/// logical ID generator): custom domain names (ApiGatewayDomainName<hash>,
/// ApiGatewayDomainNameV2<hash>) and Route 53 record set groups (RecordSetGroup<hash>).

#include "transforms/sam/common.h"

#include <string>

namespace cfnlocal::transforms::sam {

/// The first 10 lower-case hex digits of the SHA-1 of `data`: a string is hashed as is (UTF-8),
/// any other value (an intrinsic such as {"Ref": "DomainParam"}) as its compact JSON text with
/// sorted keys (Python's json.dumps(v, separators=(",", ":"), sort_keys=True)).
std::string logical_id_hash(const Json &data);

} // namespace cfnlocal::transforms::sam
