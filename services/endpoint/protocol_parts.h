#pragma once
/// \file
/// Internal to the protocols: each protocol's serialiser and parser (protocols.cc dispatches).

#include "services/endpoint/protocols.h"
#include "services/endpoint/shape_values.h"

namespace cfnlocal::services::endpoint {

/// query and ec2 (`ec2` picks the ec2 naming and list rules).
HttpRequest serialise_query(const ServiceModel &model, const std::string &operation,
                            const ModelJson &op, const Json &input, bool ec2);
Json parse_query_response(const ServiceModel &model, const ModelJson &op,
                          const HttpResponse &response, bool ec2);

/// json.
HttpRequest serialise_json(const ServiceModel &model, const std::string &operation,
                           const ModelJson &op, const Json &input);
Json parse_json_response(const ServiceModel &model, const ModelJson &op,
                         const HttpResponse &response);

/// rest-json and rest-xml (`xml` picks the body format).
HttpRequest serialise_rest(const ServiceModel &model, const ModelJson &op, const Json &input,
                           bool xml);
Json parse_rest_response(const ServiceModel &model, const ModelJson &op,
                         const HttpResponse &response, bool xml);

/// The JSON protocols' body values: seam -> wire (locationName keys, timestamps as epoch
/// seconds, binary as base64) and wire -> seam.
Json json_to_wire(const ServiceModel &model, const Json &value, const ModelJson &shape,
                  const ModelJson *ref = nullptr);
Json json_from_wire(const ServiceModel &model, const Json &value, const ModelJson &shape,
                    const ModelJson *ref = nullptr);

} // namespace cfnlocal::services::endpoint
