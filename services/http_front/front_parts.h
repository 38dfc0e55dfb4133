#pragma once
/// \file
/// Internal to the HTTP front: finding the service and operation of a request, decoding its
/// input and encoding the output or error, each the mirror image of what the endpoint backend's
/// protocols do (services/endpoint/protocols.h).

#include "parser/json.h"
#include "services/backend.h"
#include "services/endpoint/http_message.h"
#include "services/endpoint/service_model.h"

#include <map>
#include <string>

namespace cfnlocal::services::http_front {

using endpoint::HttpRequest;
using endpoint::HttpResponse;
using endpoint::ModelJson;
using endpoint::ServiceModel;

/// The bundled service a request is for: its X-Amz-Target prefix (json), the service its
/// signature's credential scope names (Authorization header or X-Amz-Credential query
/// parameter), or the API Version of a query request; among services that share a signing name
/// (apigateway, apigatewayv2), the one with a route for the request. nullptr when none.
const ServiceModel *service_of(const HttpRequest &request);

/// The operation of `request` in `model`: the X-Amz-Target suffix, the query Action, or the
/// rest route that matches the method, path, literal query parameters and required members
/// best. "" when none does.
std::string operation_of(const ServiceModel &model, const HttpRequest &request);

/// The seam input of `operation` (backend.h conventions) decoded from the request. Throws
/// ServiceError "SerializationException" / "MalformedXML" for a body that does not parse.
Json decode_input(const ServiceModel &model, const std::string &operation,
                  const HttpRequest &request);

/// The HTTP response carrying `output` of `operation`.
HttpResponse encode_output(const ServiceModel &model, const std::string &operation,
                           const Json &output, const HttpRequest &request);

/// The HTTP response of an error in the protocol of `model` (JSON's shape when null); HEAD
/// requests get no body.
HttpResponse encode_error(const ServiceModel *model, const ServiceError &error,
                          const HttpRequest &request);

/// The parameters of a query-protocol request: its form body and query string, decoded.
std::map<std::string, std::string> form_parameters(const HttpRequest &request);

/// A request header's value, or "" when absent (names compare case-insensitively).
std::string header_of(const HttpRequest &request, const std::string &name);

/// Percent-decoding ("%2F" -> "/"); with `plus_is_space`, '+' too (form bodies).
std::string url_decode(std::string_view text, bool plus_is_space = false);

/// A fresh request id (UUID text) for response metadata.
std::string request_id();

} // namespace cfnlocal::services::http_front
