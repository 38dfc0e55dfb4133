#include "intrinsics/shape.h"

#include "intrinsics/functions.h"
#include "intrinsics/parameters.h"
#include "intrinsics/pseudo.h"
#include "schema/registry.h"

namespace cfnlocal::intrinsics {

namespace {

Shape merge(Shape a, Shape b) {
  if (a == b)
    return a;
  if (a == Shape::NoValue)
    return b;
  if (b == Shape::NoValue)
    return a;
  return Shape::Unknown;
}

Shape literal_shape(const Value &v) {
  switch (v.kind()) {
  case Value::Kind::String:
  case Value::Kind::Number:
    return Shape::String;
  case Value::Kind::Bool:
    return Shape::Boolean;
  case Value::Kind::Null:
    return Shape::Unknown;
  case Value::Kind::Array:
    for (const auto &item : v.as_array())
      if (!item.is_string() && !item.is_number())
        return Shape::List;
    return Shape::StringList;
  case Value::Kind::Object:
    return Shape::Object;
  }
  return Shape::Unknown;
}

struct Shaper {
  const TemplateIndex *index;
  const schema::Registry *registry;

  Shape ref(const Value &arg) {
    if (!arg.is_string())
      return Shape::Unknown;
    const std::string &name = arg.as_string();
    if (name == "AWS::NoValue")
      return Shape::NoValue;
    if (name == "AWS::NotificationARNs")
      return Shape::StringList;
    if (is_pseudo_parameter(name))
      return Shape::String;
    if (!index)
      return Shape::Unknown;
    if (index->parameter(name)) {
      auto type = parse_parameter_type(index->parameter_type(name));
      if (!type)
        return Shape::Unknown;
      return type->list ? Shape::StringList : Shape::String;
    }
    if (index->resource(name))
      return Shape::String;
    return Shape::Unknown;
  }

  Shape get_att(const Value &arg) {
    if (!index || !registry)
      return Shape::Unknown;
    std::string resource, attribute;
    if (arg.is_string()) {
      size_t dot = arg.as_string().find('.');
      if (dot == std::string::npos)
        return Shape::Unknown;
      resource = arg.as_string().substr(0, dot);
      attribute = arg.as_string().substr(dot + 1);
    } else if (arg.is_array() && arg.size() == 2 && arg.as_array()[0].is_string() &&
               arg.as_array()[1].is_string()) {
      resource = arg.as_array()[0].as_string();
      attribute = arg.as_array()[1].as_string();
    } else {
      return Shape::Unknown;
    }
    const Value *r = index->resource(resource);
    const Value *type = r && r->is_object() ? r->find("Type") : nullptr;
    if (!type || !type->is_string())
      return Shape::Unknown;
    const schema::ResourceType *t = registry->find(type->as_string());
    if (!t)
      return Shape::Unknown;
    const Json *s = t->attribute_schema(attribute);
    if (!s || !s->is_object() || !s->contains("type"))
      return Shape::Unknown;
    const Json &ty = (*s)["type"];
    if (ty == "array")
      return Shape::StringList;
    if (ty == "string" || ty == "integer" || ty == "number")
      return Shape::String;
    if (ty == "boolean")
      return Shape::String;
    return Shape::Unknown;
  }

  Shape find_in_map(const Value &arg) {
    if (!index || !index->mappings() || !arg.is_array() || arg.size() < 3 ||
        !arg.as_array()[0].is_string())
      return Shape::Unknown;
    const Value *map = index->mappings()->find(arg.as_array()[0].as_string());
    if (!map || !map->is_object())
      return Shape::Unknown;
    const Value &top = arg.as_array()[1];
    const Value &second = arg.as_array()[2];
    std::optional<Shape> shape;
    for (const auto &t : map->as_object()) {
      if (top.is_string() && t.key != top.as_string())
        continue;
      if (!t.value.is_object())
        continue;
      for (const auto &s : t.value.as_object()) {
        if (second.is_string() && s.key != second.as_string())
          continue;
        Shape here = literal_shape(s.value);
        shape = shape ? merge(*shape, here) : here;
      }
    }
    Shape out = shape.value_or(Shape::Unknown);
    if (arg.size() == 4 && arg.as_array()[3].is_object())
      if (const Value *d = arg.as_array()[3].find("DefaultValue"))
        out = shape ? merge(out, of(*d)) : of(*d);
    return out;
  }

  Shape of(const Value &v) {
    auto fn = function_name(v, true);
    if (!fn)
      return literal_shape(v);
    const Value &arg = v.as_object().front().value;
    std::string_view name = *fn;
    if (name == "Ref")
      return ref(arg);
    if (name == "Fn::GetAtt")
      return get_att(arg);
    if (name == "Fn::Sub" || name == "Fn::Join" || name == "Fn::Base64" ||
        name == "Fn::ImportValue" || name == "Fn::ToJsonString" || name == "Fn::Length")
      return Shape::String;
    if (name == "Fn::Split" || name == "Fn::GetAZs" || name == "Fn::Cidr")
      return Shape::StringList;
    if (name == "Fn::Equals" || name == "Fn::And" || name == "Fn::Or" || name == "Fn::Not" ||
        name == "Condition" || name == "Fn::Contains" || name == "Fn::EachMemberEquals" ||
        name == "Fn::EachMemberIn")
      return Shape::Boolean;
    if (name == "Fn::RefAll" || name == "Fn::ValueOfAll")
      return Shape::StringList;
    if (name == "Fn::FindInMap")
      return find_in_map(arg);
    if (name == "Fn::If") {
      if (!arg.is_array() || arg.size() != 3)
        return Shape::Unknown;
      return merge(of(arg.as_array()[1]), of(arg.as_array()[2]));
    }
    if (name == "Fn::Select") {
      if (!arg.is_array() || arg.size() != 2)
        return Shape::Unknown;
      const Value &list = arg.as_array()[1];
      if (list.is_array()) {
        // A literal list: the shape every item shares.
        std::optional<Shape> shape;
        for (const auto &item : list.as_array())
          shape = shape ? merge(*shape, of(item)) : of(item);
        return shape.value_or(Shape::Unknown);
      }
      return of(list) == Shape::StringList ? Shape::String : Shape::Unknown;
    }
    return Shape::Unknown;
  }
};

} // namespace

const char *shape_name(Shape shape) {
  switch (shape) {
  case Shape::String:
    return "string";
  case Shape::StringList:
    return "list of strings";
  case Shape::Boolean:
    return "boolean";
  case Shape::List:
    return "list";
  case Shape::Object:
    return "object";
  case Shape::NoValue:
    return "AWS::NoValue";
  case Shape::Unknown:
    return "unknown";
  }
  return "unknown";
}

Shape result_shape(const Value &value, const TemplateIndex *index,
                   const schema::Registry *registry) {
  return Shaper{index, registry}.of(value);
}

bool can_be_string(Shape shape) {
  return shape == Shape::String || shape == Shape::NoValue || shape == Shape::Unknown;
}

bool can_be_list(Shape shape) {
  return shape == Shape::StringList || shape == Shape::List || shape == Shape::NoValue ||
         shape == Shape::Unknown;
}

} // namespace cfnlocal::intrinsics
