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

/// The name an ec2-protocol member travels under: queryName, else the capitalised locationName,
/// else the member name.
std::string ec2_name(const ModelJson &ref, const std::string &member);

/// rest protocols' header values: a member's value as header text (lists comma-separated,
/// jsonvalue base64, timestamps RFC 822 unless the model says otherwise), and back.
std::string header_text(const Json &value, const ModelJson &shape, const ModelJson &ref);
Json header_value(const std::string &text, const ModelJson &shape, const ModelJson &ref);
/// The XML element name of a payload or body: the reference's locationName, the shape's, else
/// `fallback`.
std::string root_name(const ModelJson &ref, const ModelJson &shape, const std::string &fallback);
/// The xmlNamespace uri of a reference or its shape ("" when none).
std::string namespace_of(const ModelJson &ref, const ModelJson &shape);

/// The JSON protocols' body values: seam -> wire (locationName keys, timestamps as epoch
/// seconds, binary as base64) and wire -> seam.
Json json_to_wire(const ServiceModel &model, const Json &value, const ModelJson &shape,
                  const ModelJson *ref = nullptr);
Json json_from_wire(const ServiceModel &model, const Json &value, const ModelJson &shape,
                    const ModelJson *ref = nullptr);

} // namespace cfnlocal::services::endpoint
