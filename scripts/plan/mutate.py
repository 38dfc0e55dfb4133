"""Deterministic template mutations for the plan checks (plan_equals_deploy.py, cdk_diff_compare.py).

A mutation of a template (long-form JSON, see `long_form`) changes, each where the template offers
a candidate, chosen with a seeded random generator:
  - createonly: one literal createOnly property of one resource (the registry schema's
    createOnlyProperties), to another value the schema accepts: the resource must be replaced, and
    whatever reads its Ref or GetAtt cascades;
  - mutable: one literal property that is neither createOnly nor conditionally createOnly, or the
    Tags of a resource (a tag added): an in-place update;
  - add: a new AWS::SNS::Topic;
  - remove: a resource nothing else refers to (Ref, GetAtt, Sub, DependsOn, Outputs);
  - parameter: another of its AllowedValues as the Default of a parameter with a Default (the
    runs give values only to parameters without one): ParameterReference changes, and the
    Conditions that read it may flip, adding or removing resources.
Literal means the template writes the value itself (no intrinsic function), so the new value is
valid where the old one was. Values are changed the schema's way: another enum member, a flipped
boolean, an integer plus one inside its bounds, a name-like string with a suffix that still
matches the property's pattern and length.

`Facts` reads createOnlyProperties, conditionalCreateOnlyProperties, readOnlyProperties and the
top-level property schemas from a folder of registry schemas (one JSON file per type, as
/work/shared/schemas/us-east-1 or tests/plan/data/schemas).
"""
import json, os, random, re

SCALAR_NAME_HINT = re.compile(r"(Name|Description|Identifier|Comment|Label|Alias|Title)$")


def long_form(node):
    """YAML short-form tags as scripts/corpus/classify.py loads them ({"!Ref": x}) to the long form
    CloudFormation's JSON uses ({"Ref": x}, {"Fn::GetAtt": [a, b]}, {"Condition": c})."""
    if isinstance(node, dict):
        if len(node) == 1:
            (k, v), = node.items()
            if isinstance(k, str) and k.startswith("!"):
                tag = k[1:]
                v = long_form(v)
                if tag == "Ref" or tag == "Condition":
                    return {tag: v}
                if tag == "GetAtt" and isinstance(v, str):
                    v = v.split(".", 1)
                return {"Fn::" + tag: v}
        return {str(k): long_form(v) for k, v in node.items()}
    if isinstance(node, list):
        return [long_form(v) for v in node]
    if isinstance(node, (str, int, float, bool)) or node is None:
        return node
    return str(node)  # YAML dates (AWSTemplateFormatVersion: 2010-09-09) and the like


class Facts:
    """What the mutations need from the registry schemas, per resource type."""

    def __init__(self, schema_dir):
        self.dir = schema_dir
        self.cache = {}

    def schema(self, type_name):
        if type_name not in self.cache:
            path = os.path.join(self.dir, type_name.lower().replace("::", "-") + ".json")
            try:
                with open(path) as f:
                    self.cache[type_name] = json.load(f)
            except OSError:
                self.cache[type_name] = None
        return self.cache[type_name]

    def _names(self, type_name, key):
        s = self.schema(type_name) or {}
        return {p[len("/properties/"):] for p in s.get(key, []) if p.startswith("/properties/")}

    def create_only(self, type_name):
        """Top-level names and nested paths ("A/B") of createOnlyProperties."""
        return self._names(type_name, "createOnlyProperties")

    def conditional(self, type_name):
        return self._names(type_name, "conditionalCreateOnlyProperties")

    def read_only(self, type_name):
        return self._names(type_name, "readOnlyProperties")

    def custom_name(self, type_name):
        """The createOnly property that names the resource (the planner's custom_name_property:
        Name, <Type>Name or <Type>Identifier), or None."""
        last = type_name.split("::")[-1]
        for p in sorted(self.create_only(type_name)):
            if p in ("Name", last + "Name", last + "Identifier"):
                return p
        return None

    def property_schema(self, type_name, name):
        s = self.schema(type_name)
        if not s:
            return None
        return self.resolve(type_name, s.get("properties", {}).get(name))

    def resolve(self, type_name, node):
        """A subschema with its $ref followed (local definitions only)."""
        s = self.schema(type_name) or {}
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 8:
            ref = node["$ref"]
            if not ref.startswith("#/definitions/"):
                return None
            node = s.get("definitions", {}).get(ref[len("#/definitions/"):])
            seen += 1
        return node


def _fits(value, schema):
    if not isinstance(schema, dict):
        return True
    if "pattern" in schema:
        try:
            if not re.search(schema["pattern"], value):
                return False
        except re.error:
            return False
    if len(value) > schema.get("maxLength", 10**9) or len(value) < schema.get("minLength", 0):
        return False
    return True


def changed_value(name, value, schema, tag):
    """Another value of the same property the schema accepts, or None."""
    if not isinstance(schema, dict):
        schema = {}
    enum = schema.get("enum")
    if isinstance(value, bool):
        return not value
    if enum:
        others = [e for e in enum if e != value and type(e) is type(value)]
        return others[0] if others else None
    kind = schema.get("type")
    if isinstance(value, int) or kind == "integer":
        try:
            n = int(value)
        except (TypeError, ValueError):
            return None
        if n + 1 <= schema.get("maximum", 10**12):
            return type(value)(n + 1) if isinstance(value, int) else str(n + 1)
        if n - 1 >= schema.get("minimum", -10**12):
            return type(value)(n - 1) if isinstance(value, int) else str(n - 1)
        return None
    if isinstance(value, str) and (kind in (None, "string")) and SCALAR_NAME_HINT.search(name):
        if value.lower() in ("true", "false"):
            return None
        for candidate in (value + tag, value + tag.replace("-", ""), value[:-len(tag)] + tag if
                          len(value) > len(tag) else None, value[:-1] + ("2" if value[-1:] != "2" else "3")):
            if candidate and candidate != value and _fits(candidate, schema):
                return candidate
    return None


def references(node, out):
    """Adds the logical IDs a template fragment refers to (Ref, Fn::GetAtt, Fn::Sub, DependsOn)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "Ref" and isinstance(v, str):
                out.add(v)
            elif k == "Fn::GetAtt":
                if isinstance(v, list) and v and isinstance(v[0], str):
                    out.add(v[0])
                elif isinstance(v, str):
                    out.add(v.split(".")[0])
            elif k == "Fn::Sub":
                text = v[0] if isinstance(v, list) and v else v
                if isinstance(text, str):
                    for m in re.finditer(r"\$\{([^!}][^}]*)\}", text):
                        out.add(m.group(1).split(".")[0])
            elif k == "DependsOn":
                out.update([v] if isinstance(v, str) else [d for d in v if isinstance(d, str)])
            references(v, out)
    elif isinstance(node, list):
        for v in node:
            references(v, out)


def _is_literal(v):
    return isinstance(v, (str, int, float, bool)) and not (isinstance(v, str) and "{{resolve:" in v)


class Mutation:
    def __init__(self):
        self.doc = None
        self.steps = []  # human-readable: "createonly Queue.QueueName", "add PlanAdded7", ...
        self.expect_replaced = set()  # resources whose createOnly literal changed
        self.expect_modified = set()
        self.added = set()
        self.removed = set()
        self.parameter = None


def mutate(template, facts, seed, kinds=("createonly", "mutable", "add", "remove", "parameter")):
    """A mutated deep copy of `template` (long form) and what was done."""
    rng = random.Random(seed)
    doc = json.loads(json.dumps(template))
    resources = doc.get("Resources", {})
    out = Mutation()
    tag = "-m%d" % (seed % 1000)
    ids = sorted(resources)

    def candidates(create_only):
        found = []
        for rid in ids:
            r = resources[rid]
            if not isinstance(r, dict) or not isinstance(r.get("Properties"), dict):
                continue
            if "Condition" in r:
                continue
            t = r.get("Type", "")
            if not facts.schema(t):
                continue
            co, cond, ro = facts.create_only(t), facts.conditional(t), facts.read_only(t)
            for name, value in sorted(r["Properties"].items()):
                if name in ro or not _is_literal(value):
                    continue
                is_co = name in co
                if create_only != is_co or (not create_only and name in cond):
                    continue
                new = changed_value(name, value, facts.property_schema(t, name), tag)
                if new is not None:
                    found.append((rid, name, new))
        return found

    if "createonly" in kinds:
        found = candidates(True)
        # A custom-named resource cannot be replaced under the same name (AWS fails the update):
        # change its name too, as a user would, or leave it alone when the name is not literal.
        usable = []
        for rid, name, new in found:
            t = resources[rid]["Type"]
            name_prop = facts.custom_name(t)
            props = resources[rid]["Properties"]
            if name_prop and name_prop != name and name_prop in props:
                renamed = None
                if _is_literal(props[name_prop]):
                    renamed = changed_value(name_prop, props[name_prop],
                                            facts.property_schema(t, name_prop), tag)
                if renamed is None:
                    continue
                usable.append((rid, name, new, (name_prop, renamed)))
            else:
                usable.append((rid, name, new, None))
        if usable:
            rid, name, new, rename = rng.choice(usable)
            resources[rid]["Properties"][name] = new
            out.steps.append("createonly %s.%s" % (rid, name))
            if rename:
                resources[rid]["Properties"][rename[0]] = rename[1]
                out.steps[-1] += " (and its name %s)" % rename[0]
            out.expect_replaced.add(rid)
    if "mutable" in kinds:
        found = [c for c in candidates(False) if c[0] not in out.expect_replaced]
        tagged = []
        for rid in ids:
            r = resources[rid]
            if not isinstance(r, dict) or rid in out.expect_replaced or "Condition" in r:
                continue
            t = r.get("Type", "")
            if "Tags" in facts.create_only(t) or "Tags" in facts.conditional(t):
                continue
            tags_schema = facts.property_schema(t, "Tags")
            if not isinstance(tags_schema, dict):
                continue
            existing = (r.get("Properties") or {}).get("Tags")
            if tags_schema.get("type") == "array" and (existing is None or isinstance(existing, list)):
                entry = {"Key": "plan-mutation", "Value": tag[1:]}
                item = facts.resolve(t, tags_schema.get("items"))
                for key in (item or {}).get("required", []):
                    if key not in entry:  # AutoScaling's PropagateAtLaunch
                        kind = ((item.get("properties") or {}).get(key) or {}).get("type")
                        entry[key] = True if kind == "boolean" else "plan"
                tagged.append((rid, "Tags", (existing or []) + [entry]))
            elif tags_schema.get("type") == "object" and (existing is None or isinstance(existing, dict)):
                tagged.append((rid, "Tags", dict(existing or {}, **{"plan-mutation": tag[1:]})))
        pool = found + tagged
        if pool:
            rid, name, new = rng.choice(pool)
            resources[rid].setdefault("Properties", {})[name] = new
            out.steps.append("mutable %s.%s" % (rid, name))
            out.expect_modified.add(rid)
    if "remove" in kinds:
        removable = []
        for rid in ids:
            refs = set()
            for other, body in resources.items():
                if other != rid:
                    references(body, refs)
            references(doc.get("Outputs", {}), refs)
            # A resource with a Condition may not exist: removing it may change nothing.
            conditional = isinstance(resources[rid], dict) and "Condition" in resources[rid]
            if rid not in refs and not conditional and rid not in out.expect_replaced | out.expect_modified:
                removable.append(rid)
        # Keep at least one resource: a template needs one.
        if removable and len(resources) > 1:
            rid = rng.choice(removable)
            del resources[rid]
            out.steps.append("remove %s" % rid)
            out.removed.add(rid)
    if "parameter" in kinds:
        # Another allowed Default for a parameter the run does not override (it has a Default):
        # what reads it is a ParameterReference change, and Conditions on it may flip.
        params = doc.get("Parameters") or {}
        options = []
        for name in sorted(params):
            decl = params[name]
            if not isinstance(decl, dict) or "Default" not in decl or decl.get("NoEcho"):
                continue
            allowed = [v for v in decl.get("AllowedValues") or [] if str(v) != str(decl["Default"])]
            if allowed:
                options.append((name, allowed[0]))
        if options:
            name, value = rng.choice(options)
            params[name]["Default"] = value
            out.steps.append("parameter %s=%s" % (name, value))
            out.parameter = name
    if "add" in kinds:
        rid = "PlanAdded%d" % (seed % 1000)
        while rid in resources:
            rid += "X"
        resources[rid] = {"Type": "AWS::SNS::Topic"}
        out.steps.append("add %s" % rid)
        out.added.add(rid)
    out.doc = doc
    return out
